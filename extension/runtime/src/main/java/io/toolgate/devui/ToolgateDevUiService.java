package io.toolgate.devui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.toolgate.invoke.CallHistory;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.rest.OutcomeResponses;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolLinter;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * What Toolgate's card in the Quarkus Dev UI asks the running application (JSON-RPC, dev mode only; the deployment
 * module registers this class): the tools with their schemas and lint findings, a call through the same pipeline as
 * every door, and the last calls.
 */
public class ToolgateDevUiService {

    /** Who the developer at the Dev UI is: the pipeline checks roles, audits and meters this caller like any other. */
    static final String PRINCIPAL = "dev-ui";

    @Inject
    ToolRegistry registry;
    @Inject
    InvocationPipeline pipeline;
    @Inject
    CallHistory history;
    @Inject
    ObjectMapper mapper;

    /** The card's label: how many tools are served now. */
    public String getToolCount() {
        return Integer.toString(registry.all().size());
    }

    public List<Map<String, Object>> getTools() {
        ToolLinter linter = new ToolLinter();
        return registry.all().stream().map(tool -> describe(tool, linter)).toList();
    }

    private Map<String, Object> describe(RegisteredTool tool, ToolLinter linter) {
        ToolDefinition d = tool.definition();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", d.name());
        view.put("title", d.title());
        view.put("description", d.description());
        view.put("inputSchema", mapper.convertValue(d.inputSchema(), Object.class));
        view.put("outputSchema", d.outputSchema() == null ? null : mapper.convertValue(d.outputSchema(), Object.class));
        view.put("roles", d.policy().roles());
        view.put("lint", linter.lint(d));
        return view;
    }

    /**
     * Calls a tool with arguments as JSON text, as a caller holding exactly the tool's roles: the developer at the
     * console of an application in dev mode. Answers the REST door's envelope.
     */
    public Uni<Map<String, Object>> callTool(String name, String arguments) {
        java.util.Set<String> roles = registry.find(name).map(t -> t.definition().policy().roles())
                .orElse(java.util.Set.of());
        Invocation call = Invocation.builder(name, Door.DEV_UI).arguments(arguments)
                .caller(new Caller(PRINCIPAL, roles, "dev-ui")).build();
        return Uni.createFrom().completionStage(pipeline.invoke(call))
                .map(outcome -> toMap(OutcomeResponses.envelope(outcome, name, null)));
    }

    public List<Map<String, Object>> getLastCalls() {
        return history.recent(null, 50).stream().map(this::toMap).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(Object value) {
        return mapper.convertValue(value, Map.class);
    }
}
