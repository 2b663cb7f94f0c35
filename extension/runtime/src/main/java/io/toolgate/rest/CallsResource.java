package io.toolgate.rest;

import java.util.Map;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.toolgate.invoke.CallHistory;
import io.toolgate.security.AdminRole;
import io.toolgate.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Recent calls of this instance, newest first, with sensitive arguments redacted: every caller's to a holder of the
 * admin role, a caller's own to anyone else (one caller's arguments are not another's business).
 */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    CallHistory history;
    @Inject
    Callers callers;
    @Inject
    AdminRole adminRole;

    @GET
    public Response recent(@QueryParam("tool") String tool, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            return RestErrors.badRequest("limit", "range", "limit must be between 1 and 1000, got " + limit);
        }
        return Response.ok(Map.of("calls", history.recent(blankToNull(tool),
                adminRole.visiblePrincipal(callers.current()), limit))).build();
    }

    /**
     * Calls as they are recorded, as server-sent events (one JSON entry per event), for the console's live view. A
     * client that reads too slowly misses calls rather than holding memory: {@code GET /calls} fills the gaps.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<CallHistory.Entry> stream(@QueryParam("tool") String tool) {
        // Read here: the watcher runs on the calling threads.
        String principal = adminRole.visiblePrincipal(callers.current());
        String only = blankToNull(tool);
        return Multi.createFrom().<CallHistory.Entry> emitter(emitter -> {
            Runnable stop = history.watch(entry -> {
                if (entry.matches(only, principal)) {
                    emitter.emit(entry);
                }
            });
            emitter.onTermination(stop);
        }, BackPressureStrategy.DROP);
    }

    private static String blankToNull(String tool) {
        return tool == null || tool.isBlank() ? null : tool;
    }
}
