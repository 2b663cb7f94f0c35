package io.toolgate.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One concrete resource as {@code resources/list} shows it.
 *
 * @param title, description, mimeType may be null; size null when unknown
 */
public record ResourceDescriptor(String uri, String name, String title, String description, String mimeType,
        Long size) {

    public ResourceDescriptor(String uri, String name, String mimeType) {
        this(uri, name, null, null, mimeType, null);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("uri", uri);
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
        if (size != null) {
            o.put("size", size);
        }
        return o;
    }
}
