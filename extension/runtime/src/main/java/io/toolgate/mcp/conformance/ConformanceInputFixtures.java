package io.toolgate.mcp.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.prompt.PromptDefinition;
import io.toolgate.prompt.PromptMessage;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.InputRequiredException;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolLog;
import io.toolgate.tool.ToolProgress;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The conformance suite's fixture tools that log, ask the client for input or change the tool list, registered only
 * with {@code toolgate.mcp.conformance-fixtures=true}. They use the same APIs a real tool would ({@link ToolLog},
 * {@link ClientInput}, the registry), so the suite exercises Toolgate's own machinery for both protocol eras: the
 * same fixture asks over a server-to-client request under 2025 and with an input-required result under 2026-07-28.
 * Texts and schemas are the ones the suite checks for.
 */
@ApplicationScoped
public class ConformanceInputFixtures {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;
    @Inject
    PromptCatalog prompts;

    private final AtomicInteger toolChanges = new AtomicInteger();

    void register(@Observes StartupEvent start) {
        if (!config.mcp().conformanceFixtures()) {
            return;
        }
        fixture("test_tool_with_logging", "Sends three log messages while it runs, for the conformance suite.",
                arguments -> {
                    for (String step : new String[] { "Tool execution started", "Tool processing data",
                            "Tool execution completed" }) {
                        ToolLog.info(step);
                        Thread.sleep(50);
                    }
                    return "Tool with logging executed successfully";
                });
        fixture("test_logging_tool", "Logs one message; the client sees it only when it asked for a log level.",
                arguments -> {
                    ToolLog.info("Diagnostic trace logging activated");
                    return "Logging evaluated";
                });
        fixture("test_streaming_elicitation", "Reports progress while it runs, for the conformance suite.",
                arguments -> {
                    ToolProgress.report(50, 100, "half way");
                    return "Streaming complete";
                });
        fixture("test_missing_capability", "Needs the client's sampling capability, for the conformance suite.",
                arguments -> {
                    ClientInput.require(ClientInput.SAMPLING);
                    return "Success";
                });
        fixture("test_trigger_tool_change", "Adds or removes a tool, so listeners see the tool list change.",
                arguments -> {
                    String name = "conformance_dynamic_tool";
                    if (!registry.unregister(name)) {
                        ConformanceFixtures.register(registry, name, "A tool that comes and goes, for the"
                                + " conformance suite's list-change checks.", ConformanceFixtures.noArguments(),
                                a -> "dynamic");
                    }
                    return "Mutation triggered (" + toolChanges.incrementAndGet() + ")";
                });
        fixture("test_trigger_prompt_change", "Adds or removes a prompt, so listeners see the prompt list change.",
                arguments -> {
                    String name = "conformance_dynamic_prompt";
                    if (!prompts.unregister(name)) {
                        prompts.register(new PromptDefinition(name, null, "A prompt that comes and goes.", Set.of(),
                                List.of(), List.of(PromptMessage.userText("dynamic")), "conformance"));
                    }
                    return "Mutation triggered";
                });
        registerSessionEraQuestions();
        registerInputRequiredQuestions();
    }

    /** Tools that ask the client during the call (2025 revisions), answering with what the client said. */
    private void registerSessionEraQuestions() {
        ObjectNode promptSchema = schemaWithString("prompt", "The prompt to send to the LLM");
        register("test_sampling", "Asks the client's model for a completion of the prompt.", promptSchema,
                arguments -> {
                    try {
                        JsonNode result = ClientInput.sample("sampling", arguments.path("prompt").asText(), 100);
                        return "LLM response: " + result.path("content").path("text").asText("No response");
                    } catch (InputRequiredException e) {
                        throw e; // under 2026-07-28 the question travels as an input-required result
                    } catch (ToolException e) {
                        return "Sampling not supported or error: " + e.getMessage();
                    }
                });
        ObjectNode messageSchema = schemaWithString("message", "The message to show the user");
        register("test_elicitation", "Asks the user, through the client, for a response.", messageSchema,
                arguments -> {
                    ObjectNode schema = objectSchema();
                    schema.with("properties").putObject("response").put("type", "string")
                            .put("description", "User's response");
                    schema.putArray("required").add("response");
                    return elicited("User response",
                            () -> ClientInput.elicit("elicitation", arguments.path("message").asText(), schema));
                });
        fixture("test_elicitation_sep1034_defaults", "Asks for a form whose fields all have defaults (SEP-1034).",
                arguments -> {
                    ObjectNode schema = objectSchema();
                    ObjectNode p = schema.with("properties");
                    p.putObject("name").put("type", "string").put("description", "User name").put("default",
                            "John Doe");
                    p.putObject("age").put("type", "integer").put("description", "User age").put("default", 30);
                    p.putObject("score").put("type", "number").put("description", "User score").put("default", 95.5);
                    ObjectNode status = p.putObject("status").put("type", "string").put("description",
                            "User status");
                    status.putArray("enum").add("active").add("inactive").add("pending");
                    status.put("default", "active");
                    p.putObject("verified").put("type", "boolean").put("description", "Verification status")
                            .put("default", true);
                    schema.putArray("required");
                    return elicited("Elicitation completed", () -> ClientInput.elicit("defaults",
                            "Please review and update the form fields with defaults", schema));
                });
        fixture("test_elicitation_sep1330_enums", "Asks for a form with every enum variant (SEP-1330).",
                arguments -> elicited("Elicitation completed", () -> ClientInput.elicit("enums",
                        "Please select options from the enum fields", enumForm())));
    }

    /** Tools whose questions are asked with input-required results (2026-07-28); same API as above. */
    private void registerInputRequiredQuestions() {
        fixture("test_input_required_result_elicitation", "Asks for the user's name, then greets them.",
                arguments -> "Hello, " + name(askName("user_name", "What is your name?")) + "!");
        fixture("test_input_required_result_sampling", "Asks the client's model a question.", arguments -> {
            JsonNode answer = ClientInput.sample("capital_question", "What is the capital of France?", 100);
            return "Sampling result: " + answer.path("content").path("text").asText("no response");
        });
        fixture("test_input_required_result_list_roots", "Asks for the client's roots.", arguments -> {
            JsonNode roots = ClientInput.roots("client_roots");
            return "Found " + roots.path("roots").size() + " root(s)";
        });
        fixture("test_input_required_result_request_state", "Asks for a confirmation carried across the retry.",
                arguments -> {
                    JsonNode answer = confirm("confirm");
                    if (!answer.path("content").path("ok").asBoolean(false)) {
                        throw new ToolException("not confirmed");
                    }
                    return "state-ok: requestState validated";
                });
        fixture("test_input_required_result_multiple_inputs", "Asks three questions at once.", arguments -> {
            Map<String, ObjectNode> questions = new LinkedHashMap<>();
            questions.put("user_name", ClientInput.question("elicitation/create", elicitation("What is your name?",
                    "name", "string")));
            ObjectNode sampling = JSON.objectNode();
            sampling.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text")
                    .put("text", "Generate a greeting");
            sampling.put("maxTokens", 50);
            questions.put("greeting", ClientInput.question("sampling/createMessage", sampling));
            questions.put("client_roots", ClientInput.question("roots/list", JSON.objectNode()));
            Map<String, JsonNode> answers = ClientInput.askAll(questions);
            return "Name: " + name(answers.get("user_name")) + "; Greeting: "
                    + answers.get("greeting").path("content").path("text").asText("Hello there!") + "; Roots: "
                    + answers.get("client_roots").path("roots").size();
        });
        fixture("test_input_required_result_multi_round", "Asks two questions one after the other.", arguments -> {
            String who = name(askName("step1", "Step 1: What is your name?"));
            JsonNode color = ClientInput.ask("step2", "elicitation/create",
                    elicitation("Step 2: What is your favorite color?", "color", "string"));
            return "Multi-round complete for " + who + " who likes "
                    + color.path("content").path("color").asText("unknown");
        });
        fixture("test_input_required_result_tampered_state", "Asks for a confirmation; its state is signed.",
                arguments -> {
                    confirm("confirm");
                    return "integrity-ok: state verified";
                });
        fixture("test_input_required_result_capabilities", "Asks only what the client's capabilities allow.",
                arguments -> {
                    Map<String, ObjectNode> questions = new LinkedHashMap<>();
                    if (ClientInput.supports(ClientInput.ELICITATION)) {
                        questions.put("elicit_input", ClientInput.question("elicitation/create",
                                elicitation("Elicitation input", "value", "string")));
                    }
                    if (ClientInput.supports(ClientInput.SAMPLING)) {
                        ObjectNode sampling = JSON.objectNode();
                        sampling.putArray("messages").addObject().put("role", "user").putObject("content")
                                .put("type", "text").put("text", "Sample request");
                        sampling.put("maxTokens", 50);
                        questions.put("sample_input", ClientInput.question("sampling/createMessage", sampling));
                    }
                    if (questions.isEmpty()) {
                        return "No supported capabilities declared";
                    }
                    return "capabilities-ok: received " + String.join(",", ClientInput.askAll(questions).keySet());
                });
    }

    private static JsonNode askName(String key, String message) throws InterruptedException {
        return ClientInput.ask(key, "elicitation/create", elicitation(message, "name", "string"));
    }

    private static JsonNode confirm(String key) throws InterruptedException {
        return ClientInput.ask(key, "elicitation/create", elicitation("Please confirm", "ok", "boolean"));
    }

    private static String name(JsonNode elicited) {
        return elicited.path("content").path("name").asText("unknown");
    }

    private static ObjectNode elicitation(String message, String field, String type) {
        ObjectNode params = JSON.objectNode().put("message", message);
        ObjectNode schema = objectSchema();
        schema.with("properties").putObject(field).put("type", type);
        schema.putArray("required").add(field);
        params.set("requestedSchema", schema);
        return params;
    }

    private interface Question {
        JsonNode ask() throws InterruptedException;
    }

    private static String elicited(String label, Question question) throws InterruptedException {
        try {
            JsonNode result = question.ask();
            return label + ": action=" + result.path("action").asText() + ", content="
                    + (result.has("content") ? result.get("content") : JSON.objectNode());
        } catch (InputRequiredException e) {
            throw e; // under 2026-07-28 the question travels as an input-required result
        } catch (ToolException e) {
            return "Elicitation not supported or error: " + e.getMessage();
        }
    }

    private static ObjectNode enumForm() {
        ObjectNode schema = objectSchema();
        ObjectNode p = schema.with("properties");
        ObjectNode untitledSingle = p.putObject("untitledSingle").put("type", "string").put("description",
                "Select one option");
        untitledSingle.putArray("enum").add("option1").add("option2").add("option3");
        ObjectNode titledSingle = p.putObject("titledSingle").put("type", "string").put("description",
                "Select one option with titles");
        var oneOf = titledSingle.putArray("oneOf");
        oneOf.addObject().put("const", "value1").put("title", "First Option");
        oneOf.addObject().put("const", "value2").put("title", "Second Option");
        oneOf.addObject().put("const", "value3").put("title", "Third Option");
        ObjectNode legacy = p.putObject("legacyEnum").put("type", "string").put("description",
                "Select one option (legacy)");
        legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
        legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
        ObjectNode untitledMulti = p.putObject("untitledMulti").put("type", "array").put("description",
                "Select multiple options").put("minItems", 1).put("maxItems", 3);
        untitledMulti.putObject("items").put("type", "string").putArray("enum").add("option1").add("option2")
                .add("option3");
        ObjectNode titledMulti = p.putObject("titledMulti").put("type", "array").put("description",
                "Select multiple options with titles").put("minItems", 1).put("maxItems", 3);
        var anyOf = titledMulti.putObject("items").putArray("anyOf");
        anyOf.addObject().put("const", "value1").put("title", "First Choice");
        anyOf.addObject().put("const", "value2").put("title", "Second Choice");
        anyOf.addObject().put("const", "value3").put("title", "Third Choice");
        schema.putArray("required");
        return schema;
    }

    private static ObjectNode objectSchema() {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static ObjectNode schemaWithString(String field, String description) {
        ObjectNode schema = objectSchema();
        schema.with("properties").putObject(field).put("type", "string").put("description", description);
        schema.putArray("required").add(field);
        return schema;
    }

    private void fixture(String name, String description, ConformanceFixtures.Body body) {
        register(name, description, ConformanceFixtures.noArguments(), body);
    }

    private void register(String name, String description, ObjectNode schema, ConformanceFixtures.Body body) {
        ConformanceFixtures.register(registry, name, description, schema, body);
    }
}
