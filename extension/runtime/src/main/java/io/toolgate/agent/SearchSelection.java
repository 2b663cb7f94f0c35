package io.toolgate.agent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Outcome;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolFormats;

/**
 * The tools a {@code tool_selection: {"mode": "search"}} conversation is offered: at first the {@code top_k} most
 * relevant to its last user message (ranked by {@link ToolSearch} among the tools the request allows), plus
 * {@code search_tools}, which the loop answers itself; the tools a search finds are offered from the next step on.
 * The model pays for a handful of definitions per step instead of the whole catalogue.
 */
final class SearchSelection {

    static final String SEARCH_TOOL = "search_tools";
    static final ToolSpecification SPEC = ToolSpecification.builder()
            .name(SEARCH_TOOL)
            .description("Finds more tools when none of the offered ones fits: describe the task in a few words. The"
                    + " tools found are offered from your next step on.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("query", "What the tool should do, in a few words, for example 'refund an"
                            + " order'")
                    .addIntegerProperty("limit", "How many tools to find at most, 1 to 20 (default 5)")
                    .required("query")
                    .build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the search tool's own definition costs, as the model receives it (OpenAI format). */
    static final int TOKENS = io.toolgate.discovery.TokenCost.count(JsonNodeFactory.instance.objectNode()
            .put("type", "function").set("function", JsonNodeFactory.instance.objectNode()
                    .put("name", SEARCH_TOOL).put("description", SPEC.description())
                    .set("parameters", parameters())));

    private final Map<String, RegisteredTool> allowed;
    private final ToolSearch search;
    private final Caller caller;
    private final int topK;

    /** @param allowed the tools the request may use at all: the caller's, narrowed by the request's own list */
    SearchSelection(Map<String, RegisteredTool> allowed, ToolSearch search, Caller caller, int topK) {
        this.allowed = allowed;
        this.search = search;
        this.caller = caller;
        this.topK = topK;
    }

    /** The first offer: the tools most relevant to the last user message, and the one tool_choice forces. */
    Map<String, RegisteredTool> initial(List<ChatMessage> messages, String forcedTool) {
        Map<String, RegisteredTool> offered = new LinkedHashMap<>();
        find(lastUserText(messages), topK).forEach(t -> offered.put(t.name(), t));
        if (forcedTool != null && allowed.containsKey(forcedTool)) {
            offered.put(forcedTool, allowed.get(forcedTool));
        }
        return offered;
    }

    /** The model's search_tools call: the tools found join {@code offered}; their definitions are the result. */
    Outcome answer(String arguments, Map<String, RegisteredTool> offered) {
        JsonNode args;
        try {
            args = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (IOException e) {
            return Outcome.failure(ErrorCode.VALIDATION_ERROR, "search_tools arguments must be a JSON object with"
                    + " query");
        }
        String query = args.path("query").asText("");
        if (query.isBlank()) {
            return Outcome.failure(ErrorCode.VALIDATION_ERROR, "search_tools needs query: a few words saying what"
                    + " the tool should do");
        }
        int limit = args.path("limit").isIntegralNumber() ? Math.max(1, Math.min(20, args.get("limit").asInt()))
                : ChatCompletionRequest.ToolSelection.DEFAULT_TOP_K;
        ArrayNode found = JsonNodeFactory.instance.arrayNode();
        for (RegisteredTool tool : find(query, limit)) {
            offered.put(tool.name(), tool);
            found.add(ToolFormats.openai(tool.definition()).get("function"));
        }
        return Outcome.success(JsonNodeFactory.instance.objectNode().set("tools", found));
    }

    private static JsonNode parameters() {
        try {
            return JSON.readTree("{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\","
                    + "\"description\":\"What the tool should do, in a few words, for example 'refund an order'\"},"
                    + "\"limit\":{\"type\":\"integer\",\"description\":\"How many tools to find at most, 1 to 20"
                    + " (default 5)\"}},\"required\":[\"query\"]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RegisteredTool> find(String text, int limit) {
        return search.search(text, limit, caller, ToolSearch.Filters.NONE).stream().map(ToolSearch.Hit::tool)
                .filter(t -> allowed.containsKey(t.name())).toList();
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                StringBuilder text = new StringBuilder();
                user.contents().stream().filter(TextContent.class::isInstance)
                        .forEach(c -> text.append(((TextContent) c).text()).append(' '));
                return text.toString();
            }
        }
        return "";
    }
}
