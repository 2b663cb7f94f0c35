package io.toolgate.mcp;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.discovery.DiscoveryMetrics;
import io.toolgate.discovery.TokenCost;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.security.Caller;
import io.toolgate.tool.ToolFormats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Deferred loading on the MCP door ({@code toolgate.mcp.discovery=search}, or a virtual server's own
 * {@code discovery}): {@code tools/list} offers two tools instead of the whole catalogue. {@code search_tools} returns
 * the full definitions of the tools that best match a query (ranked by {@link ToolSearch}, only what the caller may
 * use); {@code call_tool} calls any tool the caller may use, by name, through the pipeline under that tool's own name,
 * so its policies, validation and audit row are the tool's. The model pays for two definitions per request and for
 * the few it looks up, not for hundreds.
 */
@ApplicationScoped
public class DeferredTools {

    static final String SEARCH = "search_tools";
    static final String CALL = "call_tool";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 5;
    private static final int MAX_LIMIT = 50;
    private static final ArrayNode LISTING = listing();

    @Inject
    ToolgateConfig config;
    @Inject
    ToolSearch search;
    @Inject
    DiscoveryMetrics metrics;

    /** Whether this caller's endpoint (Toolgate's own, or the virtual server it is scoped to) defers its tools. */
    boolean active(Caller caller) {
        ToolgateConfig.Discovery mode = config.mcp().discovery();
        if (caller.scope() != null) {
            ToolgateConfig.VirtualServer server = config.virtualServers().get(caller.scope().server());
            if (server != null && server.discovery().isPresent()) {
                mode = server.discovery().get();
            }
        }
        return mode == ToolgateConfig.Discovery.SEARCH;
    }

    /** What tools/list offers in search mode. */
    ArrayNode tools() {
        metrics.offered("mcp", LISTING.size(), ListingTokens.COUNT);
        return LISTING.deepCopy();
    }

    /** search_tools: a CallToolResult with the matching definitions, or an isError result naming the bad argument. */
    ObjectNode search(JsonNode arguments, Caller caller) {
        JsonNode query = arguments == null ? null : arguments.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            return error("query is required: a few words saying what the tool should do, for example"
                    + " \"refund an order\"");
        }
        JsonNode limitNode = arguments.get("limit");
        int limit = DEFAULT_LIMIT;
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber() || limitNode.asInt() < 1
                    || limitNode.asInt() > MAX_LIMIT) {
                return error("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            limit = limitNode.asInt();
        }
        List<ToolSearch.Hit> hits = search.search(query.asText(), limit, caller, ToolSearch.Filters.NONE);
        ObjectNode structured = JSON.objectNode();
        ArrayNode tools = structured.putArray("tools");
        int tokens = 0;
        for (ToolSearch.Hit hit : hits) {
            tools.add(ToolFormats.mcp(hit.tool().definition()));
            tokens += TokenCost.of(hit.tool().definition(), ToolFormats.Format.MCP);
        }
        metrics.offered("mcp_search", hits.size(), tokens);
        ObjectNode result = JSON.objectNode();
        String text = hits.isEmpty() ? "No tool matches \"" + query.asText() + "\"; try other words."
                : structured.toString();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.set("structuredContent", structured);
        result.put("isError", false);
        return result;
    }

    /** The tool call_tool names, or null when its arguments do not name one. */
    static String target(JsonNode arguments) {
        JsonNode name = arguments == null ? null : arguments.get("name");
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
    }

    /** The arguments call_tool passes on: its {@code arguments} object, {} when absent. */
    static JsonNode targetArguments(JsonNode arguments) {
        JsonNode inner = arguments.get("arguments");
        return inner == null || inner.isNull() ? JSON.objectNode() : inner;
    }

    static ObjectNode error(String message) {
        ObjectNode result = JSON.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", message);
        result.put("isError", true);
        return result;
    }

    /** Counted once, on first use: loading the tokenizer takes 0.4 s, and the listing never changes. */
    private static final class ListingTokens {
        static final int COUNT = TokenCost.count(LISTING);
    }

    private static ArrayNode listing() {
        try {
            return (ArrayNode) MAPPER.readTree("""
                    [{"name": "search_tools",
                      "description": "Finds the tools that can do what you need. Describe the task in a few words; the answer holds the best matching tools with their full definitions (name, description, input schema). Then call one with call_tool.",
                      "inputSchema": {"type": "object", "additionalProperties": false, "required": ["query"],
                        "properties": {
                          "query": {"type": "string", "minLength": 1, "description": "What the tool should do, in a few words, for example 'refund an order' or 'weather forecast'"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 5, "description": "How many tools to return at most (1 to 50, default 5)"}}},
                      "annotations": {"title": "Search tools", "readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}},
                     {"name": "call_tool",
                      "description": "Calls a tool found with search_tools, by its name, with arguments that follow its input schema. The answer is that tool's own result.",
                      "inputSchema": {"type": "object", "additionalProperties": false, "required": ["name"],
                        "properties": {
                          "name": {"type": "string", "minLength": 1, "description": "The tool's name exactly as search_tools gave it"},
                          "arguments": {"type": "object", "description": "The tool's arguments, following the input schema search_tools gave"}}},
                      "annotations": {"title": "Call a tool", "readOnlyHint": false, "destructiveHint": true, "idempotentHint": false, "openWorldHint": true}}]
                    """);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
