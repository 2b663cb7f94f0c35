package io.toolgate.invoke;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Parses untrusted JSON (request bodies, a model's arguments string) under Toolgate's size and nesting limits, and
 * words parse failures for the model. Doors that parse a whole message use it too, so limits hold at every door.
 */
@Singleton
public class JsonReading {

    private final ObjectMapper mapper;
    private final int maxBytes;

    @Inject
    public JsonReading(ObjectMapper base, ToolgateConfig config) {
        this.maxBytes = config.limits().maxRequestBytes();
        this.mapper = base.copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.limits().maxJsonDepth())
                .maxStringLength(config.limits().maxStringLength())
                .build());
    }

    /** Thrown with an error code and a message written for the model. */
    public static final class Rejected extends Exception {
        private final ErrorCode code;

        Rejected(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }

        public Outcome toOutcome() {
            return Outcome.failure(code, getMessage());
        }
    }

    public JsonNode read(String text, String what) throws Rejected {
        checkSize(text.length() <= maxBytes / 3 ? text.length() : text.getBytes(StandardCharsets.UTF_8).length, what);
        return parse(text, what);
    }

    public JsonNode read(byte[] bytes, String what) throws Rejected {
        checkSize(bytes.length, what);
        try {
            return mapper.readTree(bytes);
        } catch (java.io.IOException e) {
            throw rejected(e, what);
        }
    }

    public int maxBytes() {
        return maxBytes;
    }

    private void checkSize(int size, String what) throws Rejected {
        if (size > maxBytes) {
            throw new Rejected(ErrorCode.PAYLOAD_TOO_LARGE,
                    what + " has " + size + " bytes, more than the limit of " + maxBytes + " bytes; send less data");
        }
    }

    private JsonNode parse(String text, String what) throws Rejected {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new Rejected(ErrorCode.INVALID_JSON, what + " is empty; send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw rejected(e, what);
        }
    }

    private static Rejected rejected(java.io.IOException e, String what) {
        if (e instanceof StreamConstraintsException) {
            return new Rejected(ErrorCode.PAYLOAD_TOO_LARGE, what + " exceeds a JSON limit: " + e.getMessage());
        }
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Rejected(ErrorCode.INVALID_JSON, what + " is not valid JSON" + where + ": " + firstLine(detail));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int marker = line.indexOf(" (start marker");
        return marker < 0 ? line : line.substring(0, marker);
    }
}
