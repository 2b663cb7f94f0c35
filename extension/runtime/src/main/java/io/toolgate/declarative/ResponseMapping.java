package io.toolgate.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import io.toolgate.tool.ToolException;

/**
 * Which part of a JSON response the model gets: a JSON Pointer ({@code /current}, built into Jackson) or a JSONPath
 * expression ({@code $.items[*].name}, Jayway JsonPath over Jackson nodes), or the whole document. Compiled once.
 */
public final class ResponseMapping {

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    public static final ResponseMapping WHOLE = new ResponseMapping(null, null, "the whole response");

    private final com.fasterxml.jackson.core.JsonPointer pointer;
    private final JsonPath path;
    private final String text;

    private ResponseMapping(com.fasterxml.jackson.core.JsonPointer pointer, JsonPath path, String text) {
        this.pointer = pointer;
        this.path = path;
        this.text = text;
    }

    /**
     * @param expression a JSON Pointer (starts with /), a JSONPath (starts with $), or null/empty for everything
     * @throws IllegalArgumentException naming what is wrong with the expression
     */
    public static ResponseMapping parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return WHOLE;
        }
        String e = expression.strip();
        try {
            if (e.startsWith("/")) {
                return new ResponseMapping(com.fasterxml.jackson.core.JsonPointer.compile(e), null, e);
            }
            if (e.startsWith("$")) {
                return new ResponseMapping(null, JsonPath.compile(e), e);
            }
        } catch (RuntimeException invalid) {
            throw new IllegalArgumentException("response mapping '" + e + "' is not a valid JSON Pointer or JSONPath");
        }
        throw new IllegalArgumentException("response mapping must be a JSON Pointer (starting with /) or a JSONPath"
                + " (starting with $), got '" + e + "'");
    }

    public JsonNode apply(JsonNode document) {
        if (pointer != null) {
            JsonNode part = document.at(pointer);
            if (part instanceof MissingNode) {
                throw new ToolException("the response has nothing at " + text);
            }
            return part;
        }
        if (path != null) {
            JsonNode part = path.read(document, JACKSON);
            return part == null ? NullNode.instance : part;
        }
        return document;
    }
}
