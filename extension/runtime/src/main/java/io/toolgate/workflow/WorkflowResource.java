package io.toolgate.workflow;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.JsonReading;
import io.toolgate.security.AdminRole;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import io.toolgate.workflow.WorkflowStore.StoredDefinition;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The workflow door: definitions ({@code GET/POST /workflows}) and runs ({@code /workflows/{name}/runs},
 * {@code /workflows/runs/{id}}). A run is visible to the caller who started it and to holders of the admin role;
 * its steps run with that caller's roles. Blocking (JDBC), so it runs on a worker thread.
 */
@Path("/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    WorkflowDefinitions definitions;
    @Inject
    WorkflowEngine engine;
    @Inject
    WorkflowStore store;
    @Inject
    Callers callers;
    @Inject
    AdminRole adminRole;
    @Inject
    RunViews runViews;
    @Inject
    JsonReading reading;

    @GET
    public Response list() {
        engine.awaitDefinitions();
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("workflows");
        for (StoredDefinition d : definitions.list()) {
            ObjectNode w = list.addObject();
            w.put("name", d.name());
            w.put("version", d.version());
            definitions.get(d.name(), d.version()).ifPresent(p -> {
                w.put("description", p.description());
                ArrayNode steps = w.putArray("steps");
                p.steps().forEach(s -> steps.add(s.name()));
            });
            w.put("origin", d.origin());
            w.put("created_at", d.createdAt().toString());
        }
        if (adminRole.heldBy(callers.current())) {
            ArrayNode problems = body.putArray("load_problems");
            definitions.loadProblems().forEach(p -> problems.add(problem(p)));
        }
        return Response.ok(body).build();
    }

    @GET
    @Path("{name}")
    public Response describe(@PathParam("name") String name, @QueryParam("version") Integer version) {
        engine.awaitDefinitions();
        Optional<WorkflowDefinition> d = version == null ? definitions.latest(name) : definitions.get(name, version);
        if (d.isEmpty()) {
            return error(404, "WORKFLOW_NOT_FOUND", "no workflow '" + name + "'"
                    + (version == null ? "" : " version " + version) + "; GET /workflows lists them");
        }
        ObjectNode body = JSON.objectNode();
        body.put("name", d.get().name());
        body.put("version", d.get().version());
        body.set("definition", d.get().source());
        return Response.ok(body).build();
    }

    /** A definition in YAML ({@code application/yaml}, the default) or JSON ({@code application/json}). */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        // A definition posted while start-up still loads the folder must not race it for the next version.
        engine.awaitDefinitions();
        Response refused = adminOnly("defining workflows");
        if (refused != null) {
            return refused;
        }
        boolean json = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
        try {
            WorkflowDefinitions.Saved saved = definitions.save(DefinitionParser.read(body == null ? "" : body, !json),
                    "api", callers.current().principal());
            ObjectNode out = JSON.objectNode();
            out.put("name", saved.definition().name());
            out.put("version", saved.definition().version());
            out.put("created", saved.created());
            return Response.status(saved.created() ? 201 : 200).entity(out)
                    .location(URI.create("/workflows/" + saved.definition().name())).build();
        } catch (InvalidDefinitionException e) {
            ObjectNode out = errorBody("INVALID_DEFINITION", e.problems().size() == 1 ? e.getMessage()
                    : e.problems().size() + " problems: " + e.getMessage() + " (and more in details)");
            ArrayNode details = ((ObjectNode) out.get("error")).putArray("details");
            e.problems().forEach(p -> details.add(problem(p)));
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(out).build();
        }
    }

    /** Starts a run; the body is the run's input object. Answers 202 with the run id at once. */
    @POST
    @Path("{name}/runs")
    @Consumes(MediaType.WILDCARD)
    public Response start(@PathParam("name") String name, @QueryParam("version") Integer version, byte[] body) {
        engine.awaitDefinitions();
        Optional<WorkflowDefinition> d;
        try {
            d = version == null ? definitions.latest(name) : definitions.get(name, version);
        } catch (InvalidDefinitionException e) {
            return error(409, "WORKFLOW_UNAVAILABLE", "workflow '" + name + "' no longer validates: "
                    + e.getMessage());
        }
        if (d.isEmpty()) {
            return error(404, "WORKFLOW_NOT_FOUND", "no workflow '" + name + "'; GET /workflows lists them");
        }
        JsonNode input;
        try {
            input = JsonReading.isBlank(body) ? JSON.objectNode() : reading.read(body, "the run input");
        } catch (JsonReading.Rejected e) {
            return error(e.code().httpStatus(), e.code().name(), e.getMessage());
        }
        if (!input.isObject()) {
            return error(400, "INVALID_JSON", "the run input must be a JSON object");
        }
        RunRecord run = engine.start(d.get(), input, callers.current());
        ObjectNode out = JSON.objectNode();
        out.put("run_id", run.id);
        out.put("workflow", run.workflow);
        out.put("version", run.version);
        out.put("state", run.state.id());
        return Response.status(202).entity(out).location(URI.create("/workflows/runs/" + run.id)).build();
    }

    @GET
    @Path("runs")
    public Response runs(@QueryParam("workflow") String workflow, @QueryParam("limit") Integer limit) {
        Caller caller = callers.current();
        int n = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        ArrayNode list = JSON.arrayNode();
        for (String id : store.runIds(adminRole.visiblePrincipal(caller), workflow, n)) {
            store.run(id).ifPresent(r -> list.add(view(r, false)));
        }
        ObjectNode body = JSON.objectNode();
        body.set("runs", list);
        return Response.ok(body).build();
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") String id) {
        Optional<RunRecord> run = visible(id);
        return run.map(r -> Response.ok(view(r, true)).build()).orElseGet(() -> notFound(id));
    }

    /** {@code {"step": "process_payment", "approved": true, "data": {...}}}; {@code step} may be left out when one waits. */
    @POST
    @Path("runs/{id}/input")
    @Consumes(MediaType.WILDCARD)
    public Response input(@PathParam("id") String id, byte[] body) {
        Optional<RunRecord> run = visible(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        JsonNode in;
        try {
            in = JsonReading.isBlank(body) ? JSON.objectNode() : reading.read(body, "the input");
        } catch (JsonReading.Rejected e) {
            return error(e.code().httpStatus(), e.code().name(), e.getMessage());
        }
        // "approved" is required: an empty body must never approve a payment by default.
        if (!in.isObject() || !in.path("approved").isBoolean()
                || (in.has("data") && !in.get("data").isObject())) {
            return error(400, "INVALID_INPUT", "the input is {\"step\": name, \"approved\": true|false,"
                    + " \"data\": {...}}");
        }
        WorkflowDefinition definition = definitions.get(run.get().workflow, run.get().version).orElseThrow();
        List<String> waiting = engine.waitingSteps(run.get(), definition);
        String step = in.hasNonNull("step") ? in.get("step").asText() : null;
        String named = step != null ? step : waiting.size() == 1 ? waiting.get(0) : null;
        if (definition.steps().stream().anyMatch(s -> s.name().equals(named) && s.approval())) {
            Response refused = adminOnly("approving or rejecting step " + named);
            if (refused != null) {
                return refused;
            }
        }
        WorkflowEngine.InputResult result = engine.input(run.get(), step, in.get("approved").asBoolean(),
                in.get("data"), callers.current());
        return switch (result) {
            case ACCEPTED -> Response.ok(view(store.run(id).orElseThrow(), true)).build();
            case NOT_WAITING -> error(409, "NOT_WAITING", "run " + id + " is " + run.get().state.id()
                    + ", not waiting_for_input");
            case UNKNOWN_STEP -> error(409, "NOT_WAITING", "the run waits for input on " + waiting
                    + "; name one of them in \"step\"");
            case TAKEN -> error(409, "NOT_WAITING", "input for run " + id + " was already given");
            case ARGUMENTS_REQUIRED -> error(422, "ARGUMENTS_REQUIRED", "the step has arguments: llm and no model is"
                    + " configured here, so its input must choose them: \"data\": {\"arguments\": {...}} (see"
                    + " input_requests in the run for the prompt and the tool's input schema)");
        };
    }

    @DELETE
    @Path("runs/{id}")
    public Response cancel(@PathParam("id") String id) {
        Optional<RunRecord> run = visible(id);
        if (run.isEmpty()) {
            return notFound(id);
        }
        Response refused = adminOnly("cancelling a run");
        if (refused != null) {
            return refused;
        }
        if (!engine.cancel(id, callers.current())) {
            RunRecord now = store.run(id).orElseThrow();
            return error(409, "RUN_ENDED", "run " + id + " already ended: " + now.state.id());
        }
        return Response.ok(view(store.run(id).orElseThrow(), true)).build();
    }

    private Optional<RunRecord> visible(String id) {
        Caller caller = callers.current();
        return store.run(id).filter(r -> runViews.visibleTo(r, caller));
    }

    /**
     * Defining workflows, and approving, rejecting and cancelling runs over HTTP, take the admin role once callers
     * authenticate: the person who started a payment is not the one who approves it here. (Choosing the arguments
     * of an {@code llm} step stays with whoever started the run; an MCP client answering its own run's questions
     * through elicitation decides for its user, who is asked in the client.) Without authentication (loopback only)
     * nobody is told apart.
     */
    private Response adminOnly(String what) {
        Caller caller = callers.current();
        return caller.authenticated() ? adminRole.refusal(caller, what) : null;
    }

    private ObjectNode view(RunRecord run, boolean full) {
        return runViews.view(run, full);
    }

    private static ObjectNode problem(DefinitionProblem p) {
        ObjectNode o = JSON.objectNode();
        o.put("kind", p.kind());
        o.put("step", p.step());
        o.put("field", p.field());
        o.put("message", p.message());
        return o;
    }

    private static Response notFound(String id) {
        return error(404, "RUN_NOT_FOUND", "no workflow run '" + id + "' that you may see");
    }

    private static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.objectNode();
        body.put("success", false);
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(errorBody(code, message)).build();
    }
}
