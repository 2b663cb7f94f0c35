package io.toolgate.resource;

import java.util.Base64;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code resources/read} result body: {@code {"contents":[{uri,mimeType,text}]}} or with a base64 {@code blob}. */
public final class ResourceContents {

    private ResourceContents() {
    }

    public static ObjectNode text(String uri, String mimeType, String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("contents").addObject().put("uri", uri).put("mimeType", mimeType).put("text", text);
        return body;
    }

    public static ObjectNode blob(String uri, String mimeType, byte[] bytes) {
        return base64(uri, mimeType, Base64.getEncoder().encodeToString(bytes));
    }

    public static ObjectNode base64(String uri, String mimeType, String base64) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("contents").addObject().put("uri", uri).put("mimeType", mimeType).put("blob", base64);
        return body;
    }
}
