package io.toolgate.completion;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Completion values found for a prefix: at most the limit asked for, sorted, and how many there are in all.
 *
 * @param total every match, including those beyond {@code values}
 */
public record Matches(List<String> values, int total) {

    public Matches {
        values = List.copyOf(values);
    }

    public static final Matches NONE = new Matches(List.of(), 0);

    /** The candidates starting with {@code prefix} (any case), distinct and sorted, cut to {@code limit}. */
    public static Matches filter(Collection<String> candidates, String prefix, int limit) {
        String lower = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        List<String> all = candidates.stream().filter(v -> v != null && v.toLowerCase(Locale.ROOT).startsWith(lower))
                .distinct().sorted().toList();
        return new Matches(all.size() > limit ? all.subList(0, limit) : all, all.size());
    }

    public boolean hasMore() {
        return total > values.size();
    }
}
