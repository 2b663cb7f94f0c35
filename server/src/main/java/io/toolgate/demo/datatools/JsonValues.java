package io.toolgate.demo.datatools;

import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;

/** Column values as JSON can carry them: numbers, text, booleans, and dates and times as ISO-8601 text. */
final class JsonValues {

    private JsonValues() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return "(" + bytes.length + " bytes of binary data)";
        }
        if (value instanceof java.sql.Array || value instanceof java.sql.Blob || value instanceof java.sql.Clob) {
            return "(a value of a type this tool does not return)";
        }
        return value.toString();
    }
}
