package io.toolgate.declarative;

import java.util.Map;

/**
 * What came back: the final status after redirects, the content type, the body within the size limit, and the
 * response's headers (names in lower case, the first value of each).
 */
public record OutboundResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public OutboundResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
