package io.toolgate.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.prompt.PromptFolder;
import io.toolgate.security.AdminRole;
import io.toolgate.security.Callers;
import jakarta.inject.Inject;
import io.toolgate.gateway.Upstreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /tool-sources}: each definition file and OpenAPI document, the tools it contributed and why it (or part
 * of it) did not load; likewise each prompt file ({@code prompts}, the prompt's pipeline target in {@code tools}). Not under {@code /tools/}, where it would shadow a tool named {@code sources}. For the admin
 * role only, like the audit log, since it reveals the server's files.
 */
@Path("/tool-sources")
@Produces(MediaType.APPLICATION_JSON)
public class ToolSourcesResource {

    @Inject
    ToolFolder folder;
    @Inject
    OpenApiTools openApi;
    @Inject
    Callers callers;
    @Inject
    ToolgateConfig config;
    @Inject
    AdminRole adminRole;
    @Inject
    PromptFolder prompts;

    @Inject
    Upstreams upstreams;

    @GET
    public Response list() {
        Response refused = adminRole.refusal(callers.current(), "reading tool sources");
        if (refused != null) {
            return refused;
        }
        List<SourceStatus> all = new ArrayList<>(folder.statuses());
        if (!config.upstreams().isEmpty()) {
            // Upstreams of toolgate.upstreams.* (the folder reports those of its files).
            upstreams.statuses().stream().filter(u -> u.source().startsWith("config:")).forEach(all::add);
        }
        all.addAll(openApi.statuses());
        return Response.ok(Map.of("folder", config.declarative().folder(), "sources", all,
                "prompt_folder", config.prompts().folder(), "prompts", prompts.statuses())).build();
    }

    /**
     * {@code POST /tool-sources/{source}/approve}: the quarantined tools of an upstream MCP server's file are
     * approved as they are listed now (their definitions become the pins) and served from then on.
     */
    @POST
    @Path("/{source}/approve")
    public Response approve(@PathParam("source") String source) {
        Response refused = adminRole.refusal(callers.current(), "approving a tool source");
        if (refused != null) {
            return refused;
        }
        try {
            return Response.ok(Map.of("success", true, "approved", upstreams.approve(source))).build();
        } catch (IllegalArgumentException e) {
            return Response.status(404).entity(Map.of("success", false, "error", Map.of("code",
                    "FUNCTION_NOT_FOUND", "message", e.getMessage()))).build();
        }
    }
}
