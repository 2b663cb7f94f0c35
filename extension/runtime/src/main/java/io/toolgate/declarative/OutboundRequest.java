package io.toolgate.declarative;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request a tool wants to send.
 *
 * @param secretHeaders names of headers that carry a secret: sent only to the first request's origin, never on
 *        a redirect to another host
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body,
        java.util.Set<String> secretHeaders) {
}
