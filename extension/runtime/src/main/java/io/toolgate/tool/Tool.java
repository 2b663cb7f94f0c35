package io.toolgate.tool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of an {@code @ApplicationScoped} bean as a tool. The input schema is generated from the
 * method's parameters (see {@link ToolParam}); a record or POJO return type also yields an output schema.
 * Policy values here are defaults that {@code toolgate.tools."<name>".*} configuration overrides.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** snake_case verb_noun, e.g. {@code search_products}. */
    String name();

    /** What the tool does and when to use it, for the model: at least 20 characters. */
    String description();

    /** A human-readable display name. */
    String title() default "";

    /** Labels to find and group the tool by: {@code GET /tools?tag=}, search filters, virtual servers. */
    String[] tags() default {};

    /** MCP hint: the tool does not modify its environment. */
    boolean readOnly() default false;

    /** MCP hint: the tool may perform destructive updates. */
    boolean destructive() default false;

    /** MCP hint: calling it twice with the same arguments has no further effect; also enables retries. */
    boolean idempotent() default false;

    /** MCP hint: the tool talks to an open world of external entities. */
    boolean openWorld() default false;

    /**
     * Whether an MCP client that supports tasks gets a task for a call (it polls for the result instead of holding a
     * request open): for calls that can take longer than a client waits, or that ask a person something.
     */
    ToolHints.TaskSupport taskSupport() default ToolHints.TaskSupport.FORBIDDEN;

    /**
     * How long a call of a task-capable tool runs before it becomes a task, in milliseconds; -1 takes
     * {@code toolgate.mcp.task-window}, 0 makes every call from a client that supports tasks a task at once (a call
     * that is long by nature, such as a workflow run).
     */
    long taskWindowMs() default ToolHints.DEFAULT_TASK_WINDOW;

    /** Timeout in milliseconds; 0 takes {@code toolgate.defaults.timeout}. */
    long timeoutMs() default 0;

    /** Concurrent calls allowed (the bulkhead); 0 takes {@code toolgate.defaults.max-concurrency}. */
    int maxConcurrency() default 0;

    /**
     * Retries of transient failures; -1 means {@code toolgate.defaults.retries} for idempotent tools and none for the
     * others, since retrying a call with side effects could repeat them.
     */
    int maxRetries() default -1;

    /**
     * The same arguments always give the same result, so results may be cached
     * ({@code toolgate.defaults.cache-ttl}, {@code toolgate.tools."<name>".cache-ttl}).
     */
    boolean deterministic() default false;

    /**
     * The method never blocks (pure computation, microseconds): it runs on the caller's thread without a thread hop
     * and without a timeout. Never set this for a tool that does I/O or waits.
     */
    boolean nonBlocking() default false;
}
