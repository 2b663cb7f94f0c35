package io.toolgate.declarative;

/** What came back: the final status after redirects, the content type and the body, within the size limit. */
public record OutboundResponse(int status, String contentType, byte[] body) {
}
