package io.toolgate.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One URI template (RFC 6570) as {@code resources/templates/list} shows it.
 *
 * @param title, description, mimeType may be null
 */
public record ResourceTemplateDescriptor(String uriTemplate, String name, String title, String description,
        String mimeType) {

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("uriTemplate", uriTemplate);
        o.put("name", name);
        if (title != null) {
            o.put("title", title);
        }
        if (description != null) {
            o.put("description", description);
        }
        if (mimeType != null) {
            o.put("mimeType", mimeType);
        }
        return o;
    }
}
