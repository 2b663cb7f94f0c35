package io.toolgate.completion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.primitive.PrimitiveTargets;
import io.toolgate.prompt.PromptArgument;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * MCP completion/complete: values for a prompt argument ({@code ref/prompt}), a resource template variable
 * ({@code ref/resource}) or, as a Toolgate extension, a tool parameter ({@code ref/tool}). Every request is one call
 * of the pipeline target {@code completion} (rate-limited, audited, counted like a tool call); inside it the referenced
 * prompt's, template's or tool's roles decide, and what the caller may not see is NOT_FOUND, as if it did not exist.
 * An argument the reference does not know, or one without values, completes to nothing rather than failing.
 */
@Singleton
public class Completions {

    /** MCP's limit on values in one answer. */
    static final int MAX_VALUES = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PrimitiveTargets targets;
    private final PromptCatalog prompts;
    private final ResourceCatalog resources;
    private final ToolRegistry tools;
    private final Completers completers;
    private final Map<String, Map<String, String>> toolCompleters;
    private volatile RegisteredTool target;

    @Inject
    public Completions(PrimitiveTargets targets, PromptCatalog prompts, ResourceCatalog resources, ToolRegistry tools,
            Completers completers, ToolgateConfig config) {
        this.targets = targets;
        this.prompts = prompts;
        this.resources = resources;
        this.tools = tools;
        this.completers = completers;
        this.toolCompleters = config.completions().tools();
    }

    // Compiled at start-up rather than in the constructor: compiling reads toolgate.tools."completion" overrides.
    void compile(@Observes StartupEvent start) {
        target();
    }

    private RegisteredTool target() {
        RegisteredTool t = target;
        if (t == null) {
            t = targets.blocking("completion", "Completion values for prompt arguments, resource template variables"
                    + " and tool parameters.", schema(), java.util.Set.of(), this::answer);
            target = t;
        }
        return t;
    }

    /**
     * {@code {"completion":{"values":[...],"total":n,"hasMore":bool}}}: at most 100 values starting with the argument's
     * value (any case), sorted. Completes exceptionally with a {@link PrimitiveException}: NOT_FOUND for an unknown
     * or hidden prompt, template or tool, INVALID_PARAMS for a malformed request.
     *
     * @param ref {@code {"type":"ref/prompt","name"}}, {@code {"type":"ref/resource","uri"}} (a template) or
     *        {@code {"type":"ref/tool","name"}}
     * @param argument {@code {"name","value"}}
     * @param context {@code {"arguments":{...}}} or null
     */
    public CompletionStage<ObjectNode> complete(JsonNode ref, JsonNode argument, JsonNode context, Caller caller) {
        ObjectNode arguments = JSON.objectNode();
        arguments.set("ref", ref == null ? JSON.nullNode() : ref);
        arguments.set("argument", argument == null ? JSON.nullNode() : argument);
        if (context != null && !context.isNull() && !context.isMissingNode()) {
            arguments.set("context", context);
        }
        return targets.invoke(target(), arguments, caller, CallControl.none(),
                PrimitiveException.notFound("Unknown completion reference"));
    }

    /** The completion target's body, after the pipeline validated the request against {@link #schema()}. */
    private JsonNode answer(ObjectNode request, Caller caller) throws PrimitiveException {
        JsonNode ref = request.get("ref");
        String name = request.path("argument").path("name").asText();
        String prefix = request.path("argument").path("value").asText();
        Map<String, String> context = new HashMap<>();
        request.path("context").path("arguments").fields()
                .forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        Matches matches = switch (ref.path("type").asText()) {
            case "ref/prompt" -> forPrompt(required(ref, "name"), name, prefix, context, caller);
            case "ref/resource" -> forTemplate(required(ref, "uri"), name, prefix, context, caller);
            case "ref/tool" -> forTool(required(ref, "name"), name, prefix, context, caller);
            default -> throw PrimitiveException.invalidParams("ref.type must be ref/prompt, ref/resource or ref/tool");
        };
        ObjectNode body = JSON.objectNode();
        ObjectNode completion = body.putObject("completion");
        ArrayNode values = completion.putArray("values");
        matches.values().forEach(values::add);
        completion.put("total", matches.total());
        completion.put("hasMore", matches.hasMore());
        return body;
    }

    private Matches forPrompt(String promptName, String argument, String prefix, Map<String, String> context,
            Caller caller) throws PrimitiveException {
        PromptCatalog.Registered prompt = prompts.find(promptName, caller)
                .orElseThrow(() -> PrimitiveException.notFound("Unknown prompt: " + promptName));
        PromptArgument a = prompt.definition().argument(argument);
        if (a == null) {
            return Matches.NONE;
        }
        if (!a.values().isEmpty()) {
            return Matches.filter(a.values(), prefix, MAX_VALUES);
        }
        return named(a.completer(), prefix, context, caller);
    }

    private Matches forTemplate(String uriTemplate, String variable, String prefix, Map<String, String> context,
            Caller caller) throws PrimitiveException {
        Optional<List<String>> values = resources.complete(uriTemplate, variable, prefix, context, caller);
        if (values.isEmpty()) {
            throw PrimitiveException.notFound("Unknown resource template: " + uriTemplate);
        }
        return Matches.filter(values.get(), prefix, MAX_VALUES);
    }

    private Matches forTool(String toolName, String parameter, String prefix, Map<String, String> context,
            Caller caller) throws PrimitiveException {
        RegisteredTool tool = tools.find(toolName)
                .filter(t -> caller.mayUse(t.definition().policy().roles()))
                .orElseThrow(() -> PrimitiveException.notFound("Unknown tool: " + toolName));
        String configured = toolCompleters.getOrDefault(toolName, Map.of()).get(parameter);
        if (configured != null) {
            return named(configured, prefix, context, caller);
        }
        JsonNode property = tool.definition().inputSchema().path("properties").path(parameter);
        JsonNode enumeration = property.has("enum") ? property.get("enum") : property.path("items").path("enum");
        List<String> values = new ArrayList<>();
        enumeration.forEach(v -> values.add(v.asText()));
        return Matches.filter(values, prefix, MAX_VALUES);
    }

    private Matches named(String completer, String prefix, Map<String, String> context, Caller caller) {
        return completers.find(completer).map(c -> {
            Matches m = c.complete(prefix, MAX_VALUES, context, caller);
            // A completer's own order and limit are not trusted: sorted and cut here, its total kept.
            Matches sorted = Matches.filter(m.values(), prefix, MAX_VALUES);
            return new Matches(sorted.values(), Math.max(m.total(), sorted.total()));
        }).orElse(Matches.NONE);
    }

    private static String required(JsonNode ref, String key) throws PrimitiveException {
        JsonNode v = ref.path(key);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw PrimitiveException.invalidParams("ref." + key + " is required for " + ref.path("type").asText());
        }
        return v.asText();
    }

    private static ObjectNode schema() {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode ref = properties.putObject("ref").put("type", "object");
        ObjectNode refProperties = ref.putObject("properties");
        refProperties.putObject("type").put("type", "string").putArray("enum").add("ref/prompt").add("ref/resource")
                .add("ref/tool");
        refProperties.putObject("name").put("type", "string");
        refProperties.putObject("uri").put("type", "string");
        ref.putArray("required").add("type");
        ObjectNode argument = properties.putObject("argument").put("type", "object");
        ObjectNode argumentProperties = argument.putObject("properties");
        argumentProperties.putObject("name").put("type", "string");
        argumentProperties.putObject("value").put("type", "string");
        argument.putArray("required").add("name").add("value");
        ObjectNode context = properties.putObject("context").put("type", "object");
        context.putObject("properties").putObject("arguments").put("type", "object")
                .putObject("additionalProperties").put("type", "string");
        schema.putArray("required").add("ref").add("argument");
        schema.put("additionalProperties", false);
        return schema;
    }
}
