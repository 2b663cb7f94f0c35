package io.toolgate.mcp.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolHints.TaskSupport;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The tools the conformance suite's tasks scenarios call, registered only with
 * {@code toolgate.mcp.conformance-fixtures=true}. Plain blocking tools declaring their task support: whether a call
 * becomes a task, waits for answers or is cancelled is the MCP door's business (McpTasks), as for any tool.
 */
@ApplicationScoped
public class ConformanceTaskFixtures {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;

    void register(@Observes StartupEvent start) {
        if (!config.mcp().conformanceFixtures()) {
            return;
        }
        tool("greet", "Greets someone by name, at once; never a task.", schema("name", "string"),
                TaskSupport.FORBIDDEN, a -> "Hello, " + a.path("name").asText() + "!");
        tool("slow_compute", "Works for the given number of seconds, then reports the label; a task if it can be.",
                schema("seconds", "integer", "label", "string"), TaskSupport.OPTIONAL, a -> {
                    Thread.sleep(a.path("seconds").asLong() * 1000);
                    return "Computed " + a.path("label").asText() + " in " + a.path("seconds").asLong() + " s";
                });
        tool("failing_job", "Works for a second, then fails as a tool; only ever runs as a task.", schema(),
                TaskSupport.REQUIRED, a -> {
                    Thread.sleep(1000);
                    throw new ToolException("the job failed after one second, as it always does");
                });
        tool("protocol_error_job", "Works briefly, then needs the client's roots: a protocol failure.", schema(),
                TaskSupport.OPTIONAL, a -> {
                    Thread.sleep(300);
                    ClientInput.require(ClientInput.ROOTS);
                    return "roots available";
                });
        tool("confirm_delete", "Checks a file, then asks the user to confirm its deletion.", schema("filename",
                "string"), TaskSupport.OPTIONAL, a -> {
                    Thread.sleep(300);
                    String file = a.path("filename").asText();
                    JsonNode answer = ClientInput.ask("confirm_delete", "elicitation/create",
                            form("Delete " + file + "?", "confirm", "boolean"));
                    boolean yes = "accept".equals(answer.path("action").asText())
                            && answer.path("content").path("confirm").asBoolean(false);
                    return yes ? "Deleted " + file : "Kept " + file;
                });
        tool("multi_input", "Asks two questions at once, after a moment's work.", schema(), TaskSupport.OPTIONAL,
                a -> {
                    Thread.sleep(300);
                    Map<String, ObjectNode> questions = new LinkedHashMap<>();
                    questions.put("first", ClientInput.question("elicitation/create", form("First?", "name",
                            "string")));
                    questions.put("second", ClientInput.question("elicitation/create", form("Second?", "name",
                            "string")));
                    Map<String, JsonNode> answers = ClientInput.askAll(questions);
                    return "Received " + answers.get("first").path("content").path("name").asText() + " and "
                            + answers.get("second").path("content").path("name").asText();
                });
        tool("test_tool_with_task", "Asks for a name before it starts, then works as a task.", schema(),
                TaskSupport.REQUIRED, a -> {
                    JsonNode answer = ClientInput.ask("name", "elicitation/create", form("What is your name?",
                            "name", "string"));
                    Thread.sleep(1000);
                    return "Hello, " + answer.path("content").path("name").asText("stranger") + ", from a task";
                });
    }

    private static ObjectNode form(String message, String field, String type) {
        ObjectNode params = JSON.objectNode().put("mode", "form").put("message", message);
        ObjectNode schema = params.putObject("requestedSchema").put("type", "object");
        schema.putObject("properties").putObject(field).put("type", type);
        schema.putArray("required").add(field);
        return params;
    }

    private static ObjectNode schema(String... nameTypePairs) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            properties.putObject(nameTypePairs[i]).put("type", nameTypePairs[i + 1]);
        }
        return schema;
    }

    private void tool(String name, String description, ObjectNode schema, TaskSupport tasks,
            ConformanceFixtures.Body body) {
        ConformanceFixtures.register(registry, name, description, schema, tasks, Duration.ofSeconds(120), body);
    }
}
