package io.toolgate.primitive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque cursor pagination over a list sorted by a unique key: the cursor names the last key sent, so the next page
 * starts after it even when entries came or went in between, and any instance can serve it (nothing is kept).
 */
public final class Pages {

    private static final String PREFIX = "after:";

    /** @param nextCursor null on the last page */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    private Pages() {
    }

    /**
     * @param sorted entries sorted ascending by {@code key}
     * @throws PrimitiveException INVALID_PARAMS for a cursor this server did not issue
     */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> key, String cursor, int pageSize)
            throws PrimitiveException {
        String after = cursor == null ? null : decode(cursor);
        List<T> items = new ArrayList<>(Math.min(pageSize, sorted.size()));
        int i = 0;
        if (after != null) {
            while (i < sorted.size() && key.apply(sorted.get(i)).compareTo(after) <= 0) {
                i++;
            }
        }
        for (; i < sorted.size() && items.size() < pageSize; i++) {
            items.add(sorted.get(i));
        }
        String next = i < sorted.size() && !items.isEmpty() ? encode(key.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next);
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) throws PrimitiveException {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, like any other cursor this server did not issue
        }
        throw PrimitiveException.invalidParams("Invalid cursor; pass the nextCursor of a previous list result, or no"
                + " cursor for the first page");
    }
}
