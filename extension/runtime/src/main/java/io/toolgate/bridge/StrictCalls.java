package io.toolgate.bridge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.ToolCallRequest;
import io.toolgate.tool.StrictSchemas;
import io.toolgate.tool.ToolRegistry;

/**
 * Calls from a model that was offered tools in OpenAI's strict mode ({@code POST /tools/batch?strict=true}): such a
 * model must send every property, and sends null for an optional one it means to leave out. Those nulls are taken
 * away (where the tool's own schema does not allow null) before the pipeline validates the arguments against that
 * schema, so a strict-mode call means what it would have meant without strict mode.
 */
public final class StrictCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictCalls() {
    }

    public static List<ToolCallRequest> relax(List<ToolCallRequest> calls, ToolRegistry registry) {
        List<ToolCallRequest> out = new ArrayList<>(calls.size());
        for (ToolCallRequest call : calls) {
            ObjectNode arguments = objectOf(call.arguments());
            var tool = call.malformed() == null && arguments != null ? registry.find(call.name()) : null;
            if (tool == null || tool.isEmpty()) {
                out.add(call);
                continue;
            }
            ObjectNode relaxed = arguments.deepCopy();
            StrictSchemas.dropNulls(relaxed, tool.get().definition().inputSchema());
            out.add(new ToolCallRequest(call.id(), call.name(), relaxed, null));
        }
        return out;
    }

    /** The arguments as an object, or null when they are not one (the pipeline then reports them as they are). */
    private static ObjectNode objectOf(Object arguments) {
        if (arguments instanceof ObjectNode o) {
            return o;
        }
        if (arguments instanceof String text) {
            try {
                JsonNode parsed = JSON.readTree(text);
                return parsed instanceof ObjectNode o ? o : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
