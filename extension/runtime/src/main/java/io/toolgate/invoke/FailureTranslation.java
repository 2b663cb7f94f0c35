package io.toolgate.invoke;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.db.DatabaseFailures;
import io.toolgate.tool.ClientCapabilityMissingException;
import io.toolgate.tool.CodedToolException;
import io.toolgate.tool.InputRequiredException;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolResultError;
import io.toolgate.tool.UpstreamException;

/**
 * Turns what a guarded tool call threw into an Outcome. Messages are for the model: a tool's own message where the
 * tool meant it to be read, never a stack trace or a class name.
 */
final class FailureTranslation {

    private static final Logger LOG = Logger.getLogger(FailureTranslation.class);
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private FailureTranslation() {
    }

    static Outcome translate(Throwable failure, RegisteredTool tool, Invocation call) {
        Throwable t = unwrap(failure);
        String name = tool.name();
        if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                || t instanceof InterruptedException) {
            return timeout(tool);
        }
        if (t instanceof BulkheadException) {
            return Outcome.failure(ErrorCode.BUSY, "Tool '" + name + "' is already running its limit of "
                    + tool.definition().policy().maxConcurrency() + " concurrent calls; retry after "
                    + BUSY_RETRY_AFTER.toSeconds() + " s", BUSY_RETRY_AFTER);
        }
        if (t instanceof CircuitBreakerOpenException) {
            Duration wait = tool.breaker().remaining();
            return Outcome.failure(ErrorCode.CIRCUIT_OPEN, "Tool '" + name + "' failed repeatedly and is paused;"
                    + " it accepts calls again in " + wait.toSeconds() + " s", wait);
        }
        if (t instanceof InputRequiredException input) {
            ObjectNode questions = JsonNodeFactory.instance.objectNode();
            input.questions().forEach(questions::set);
            return Outcome.failure(ErrorCode.INPUT_REQUIRED, input.getMessage(), questions);
        }
        if (t instanceof ClientCapabilityMissingException missing) {
            return Outcome.failure(ErrorCode.CLIENT_CAPABILITY_MISSING, "Tool '" + name + "' needs the client"
                    + " capability '" + missing.capability() + "', which the client did not declare",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(missing.capability()));
        }
        if (t instanceof ToolResultError error) {
            return Outcome.failure(ErrorCode.TOOL_REFUSED, "Tool '" + name + "' refused the request: "
                    + error.getMessage(), error.result());
        }
        if (t instanceof CodedToolException coded) {
            return Outcome.failure(coded.code(), coded.getMessage());
        }
        String message = t.getMessage() == null ? "no reason given" : t.getMessage();
        if (DatabaseFailures.unreachable(t)) {
            return Outcome.failure(ErrorCode.DATABASE_UNAVAILABLE, "Tool '" + name + "' cannot reach its database"
                    + " right now; retry later", BUSY_RETRY_AFTER.multipliedBy(5));
        }
        if (t instanceof UpstreamException) {
            return Outcome.failure(ErrorCode.UPSTREAM_ERROR, "Tool '" + name + "' failed: " + message);
        }
        // The tool refusing what it was asked, with a message for the model: the caller's to change, so a 4xx.
        if (t instanceof ToolException || t instanceof IllegalArgumentException) {
            return Outcome.failure(ErrorCode.TOOL_REFUSED, "Tool '" + name + "' refused the request: " + message);
        }
        if (t instanceof IllegalStateException || t instanceof UnsupportedOperationException
                || t instanceof ArithmeticException) {
            return Outcome.failure(ErrorCode.EXECUTION_ERROR, "Tool '" + name + "' failed: " + message);
        }
        LOG.errorf(t, "Tool %s failed (request %s)", name, call.requestId());
        return Outcome.failure(ErrorCode.EXECUTION_ERROR, "Tool '" + name + "' failed unexpectedly (request "
                + call.requestId() + "); the operator can find the cause in the server log");
    }

    static Outcome timeout(RegisteredTool tool) {
        return Outcome.failure(ErrorCode.TIMEOUT, "Tool '" + tool.name() + "' did not finish within "
                + tool.definition().policy().timeout().toMillis() + " ms and was stopped; try a smaller request");
    }

    static Outcome cancelled(RegisteredTool tool) {
        return Outcome.failure(ErrorCode.CANCELLED, "The call of tool '" + tool.name() + "' was cancelled by the caller");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
