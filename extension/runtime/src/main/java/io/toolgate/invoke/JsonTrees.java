package io.toolgate.invoke;

import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Walking JSON templates: the shape is copied, text leaves are rewritten by the template's own rule. */
public final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * A copy of {@code template} with every text value replaced by {@code text.apply(value)}; a null from it means
     * "absent": that field or element is left out. Other values are kept as they are.
     */
    public static JsonNode rewriteText(JsonNode template, UnaryOperator<JsonNode> text) {
        if (template.isTextual()) {
            return text.apply(template);
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode v = rewriteText(f.getValue(), text);
                if (v != null) {
                    out.set(f.getKey(), v);
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : template) {
                JsonNode v = rewriteText(element, text);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        return template;
    }
}
