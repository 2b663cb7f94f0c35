package io.toolgate.mcp.conformance;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.mcp.McpContent;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolProgress;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The tools the MCP conformance suite calls by fixed names, registered only with
 * {@code toolgate.mcp.conformance-fixtures=true}. They are registered as data, not as {@code @Tool} methods, so that
 * a production build never lists them.
 */
@ApplicationScoped
public class ConformanceFixtures {

    // A 1x1 red PNG and a 1-sample silent WAV: the smallest valid payloads of their kind.
    static final String RED_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String SILENT_WAV = Base64.getEncoder().encodeToString(silentWav());

    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;

    void register(@Observes StartupEvent start) {
        if (!config.mcp().conformanceFixtures()) {
            return;
        }
        fixture("test_simple_text", "Returns a fixed text, for the MCP conformance suite.",
                () -> "This is a simple text response for testing.");
        fixture("test_image_content", "Returns a 1x1 red PNG image, for the MCP conformance suite.",
                () -> McpContent.of(McpContent.image(RED_PIXEL_PNG, "image/png")));
        fixture("test_audio_content", "Returns a tiny WAV audio clip, for the MCP conformance suite.",
                () -> McpContent.of(McpContent.audio(SILENT_WAV, "audio/wav")));
        fixture("test_embedded_resource", "Returns an embedded text resource, for the MCP conformance suite.",
                () -> McpContent.of(McpContent.textResource("test://embedded-resource", "text/plain",
                        "This is an embedded resource content.")));
        fixture("test_multiple_content_types", "Returns text, an image and a resource, for the conformance suite.",
                () -> McpContent.of(McpContent.text("Multiple content types test:"),
                        McpContent.image(RED_PIXEL_PNG, "image/png"),
                        McpContent.textResource("test://mixed-content-resource", "application/json",
                                "{\"test\":\"data\",\"value\":123}")));
        fixture("test_error_handling", "Always fails, so the conformance suite sees an error result.", () -> {
            throw new ToolException("This tool intentionally returns an error for testing");
        });
        fixture("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100, for the conformance suite.",
                () -> {
                    for (int step = 0; step <= 100; step += 50) {
                        ToolProgress.report(step, 100, "step " + (step / 50 + 1) + " of 3");
                        if (step < 100) {
                            Thread.sleep(50);
                        }
                    }
                    return "Progress test completed";
                });
        ObjectNode routed = JsonNodeFactory.instance.objectNode().put("type", "object");
        routed.putObject("properties").putObject("region").put("type", "string")
                .put("description", "The region to route the call to; it also travels as Mcp-Param-Region")
                .put("x-mcp-header", "Region");
        routed.putArray("required").add("region");
        register(registry, "test_header_parameter", "Echoes its region argument, which clients also send as the"
                + " Mcp-Param-Region header (SEP-2243), for the conformance suite.", routed,
                arguments -> "region " + arguments.path("region").asText());
        register("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features, for the conformance suite.",
                jsonSchema2020Input(), () -> "JSON Schema 2020-12 keywords arrived intact");
    }

    // Keywords a schema rewriter might strip ($schema, $defs with $ref, additionalProperties) must reach the client.
    private static ObjectNode jsonSchema2020Input() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode address = schema.putObject("$defs").putObject("address").put("$anchor", "addressDef")
                .put("type", "object");
        ObjectNode addressProperties = address.putObject("properties");
        addressProperties.putObject("street").put("type", "string");
        addressProperties.putObject("city").put("type", "string");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("name").put("type", "string");
        properties.putObject("address").put("$ref", "#/$defs/address");
        properties.putObject("contactMethod").put("type", "string").putArray("enum").add("phone").add("email");
        properties.putObject("phone").put("type", "string");
        properties.putObject("email").put("type", "string");
        // Composition and conditional keywords (SEP-2106): the whole 2020-12 vocabulary must survive listing.
        ObjectNode anyOf = schema.putArray("allOf").addObject();
        anyOf.putArray("anyOf").addObject().putArray("required").add("phone");
        ((com.fasterxml.jackson.databind.node.ArrayNode) anyOf.get("anyOf")).addObject().putArray("required")
                .add("email");
        ObjectNode condition = schema.putObject("if");
        condition.putObject("properties").putObject("contactMethod").put("const", "phone");
        condition.putArray("required").add("contactMethod");
        schema.putObject("then").putArray("required").add("phone");
        schema.putObject("else").putArray("required").add("email");
        schema.put("additionalProperties", false);
        return schema;
    }

    private void fixture(String name, String description, Callable<Object> body) {
        register(name, description, noArguments(), body);
    }

    static ObjectNode noArguments() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private void register(String name, String description, ObjectNode schema, Callable<Object> body) {
        register(registry, name, description, schema, arguments -> body.call());
    }

    /** What a fixture does with its arguments. */
    @FunctionalInterface
    interface Body {
        Object run(ObjectNode arguments) throws Exception;
    }

    static void register(ToolRegistry registry, String name, String description, ObjectNode schema, Body body) {
        register(registry, name, description, schema, ToolHints.TaskSupport.FORBIDDEN, Duration.ofSeconds(10), body);
    }

    static void register(ToolRegistry registry, String name, String description, ObjectNode schema,
            ToolHints.TaskSupport tasks, Duration timeout, Body body) {
        ToolExecutor executor = new ToolExecutor() {
            @Override
            public PreparedCall prepare(ObjectNode arguments, io.toolgate.security.Caller caller) {
                return () -> body.run(arguments);
            }

            @Override
            public boolean blocking() {
                return true;
            }
        };
        registry.register(new ToolDefinition(name, null, description, schema, null,
                new ToolHints(true, false, true, false, tasks), new ToolPolicy(timeout, 0), executor,
                ConformanceFixtures.class.getSimpleName()));
    }

    private static byte[] silentWav() {
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(46).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(38).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(2).putShort((short) 0);
        return wav.array();
    }
}
