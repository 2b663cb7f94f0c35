package io.toolgate.discovery;

import java.util.List;
import java.util.function.Predicate;

import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Ranks the catalogue against a text, for {@code GET /tools?q=}, MCP's {@code search_tools} and the agent's tool
 * selection. The index follows the registry: a change marks it stale and the next search builds a new one (hundreds
 * of tools take milliseconds), so a search never sees a tool that is gone and every door ranks the same way.
 */
@ApplicationScoped
public class ToolSearch {

    /** One ranked tool and its BM25 score (comparable within one search only). */
    public record Hit(RegisteredTool tool, float score) {
    }

    /** What besides the text narrows a search: a tag the tool must carry, its read-only hint. Nulls narrow nothing. */
    public record Filters(String tag, Boolean readOnly) {
        public static final Filters NONE = new Filters(null, null);

        public boolean keeps(RegisteredTool tool) {
            return (tag == null || tool.definition().tags().contains(tag))
                    && (readOnly == null || tool.definition().hints().readOnly() == readOnly);
        }
    }

    private final ToolRegistry registry;
    private volatile ToolIndex index;

    @Inject
    public ToolSearch(ToolRegistry registry) {
        this.registry = registry;
        registry.onChange(() -> index = null);
    }

    /**
     * The tools this caller may see that match the text, best first.
     *
     * @return empty when the text has no searchable word
     */
    public List<Hit> search(String text, int limit, Caller caller, Filters filters) {
        Predicate<RegisteredTool> keep = tool -> filters.keeps(tool)
                && caller.sees(tool.name()) && caller.mayUse(tool.definition().policy().roles());
        return current().search(text, limit, keep);
    }

    private ToolIndex current() {
        ToolIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = new ToolIndex(registry.all());
                    index = i;
                }
            }
        }
        return i;
    }
}
