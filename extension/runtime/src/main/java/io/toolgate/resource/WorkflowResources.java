package io.toolgate.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import io.toolgate.workflow.RunViews;
import io.toolgate.workflow.WorkflowDefinitions;
import io.toolgate.workflow.WorkflowEngine;
import io.toolgate.workflow.WorkflowStore;
import io.toolgate.workflow.WorkflowStore.StoredDefinition;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Workflow definitions ({@code toolgate://workflows/<name>}, the newest version's definition as JSON, listed for
 * everyone as {@code GET /workflows} is) and runs ({@code toolgate://runs/<id>}, the run's state and steps as
 * {@code GET /workflows/runs/<id>} shows them, only to the principal who started it and to admins, see
 * {@link RunViews}). Runs are not listed (there are many, and they come and go): their template and completions lead
 * to them, and a subscriber hears {@code updated} each time the run's state or a step is written.
 */
@Singleton
public class WorkflowResources {

    static final String WORKFLOWS = "toolgate://workflows/";
    static final String RUNS = "toolgate://runs/";
    private static final UriTemplate WORKFLOW = UriTemplate.of(WORKFLOWS + "{name}");
    private static final UriTemplate RUN = UriTemplate.of(RUNS + "{id}");
    private static final int COMPLETED_RUNS = 100;

    @Inject
    WorkflowDefinitions definitions;
    @Inject
    WorkflowEngine engine;
    @Inject
    RunViews runs;
    @Inject
    ObjectMapper mapper;

    void register(@Observes StartupEvent start, ResourceCatalog catalog, WorkflowStore store) {
        catalog.register(new Definitions());
        catalog.register(new Runs());
        store.onRunChanged(id -> catalog.announceUpdated(RUNS + id));
        store.onDefinitionStored(name -> {
            catalog.announceListChanged();
            catalog.announceUpdated(WORKFLOWS + name);
        });
    }

    /** The newest version of every workflow definition. */
    final class Definitions implements ResourceSource {

        @Override
        public String name() {
            return "workflows";
        }

        @Override
        public String description() {
            return "Workflow definitions, the newest version of each, as JSON.";
        }

        @Override
        public boolean handles(String uri) {
            return uri.startsWith(WORKFLOWS);
        }

        @Override
        public List<ResourceDescriptor> resources(Caller caller) {
            engine.awaitDefinitions();
            List<ResourceDescriptor> out = new ArrayList<>();
            for (StoredDefinition d : definitions.list()) {
                out.add(new ResourceDescriptor(uriOf(d.name()), d.name(), null,
                        "Workflow " + d.name() + ", version " + d.version(), "application/json", null));
            }
            return out;
        }

        @Override
        public List<ResourceTemplateDescriptor> templates() {
            return List.of(new ResourceTemplateDescriptor(WORKFLOW.template(), "workflows", "Workflow definitions",
                    "The newest version of a workflow definition, by name", "application/json"));
        }

        @Override
        public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
            String name = WORKFLOW.match(uri).map(v -> v.get("name")).orElse(null);
            engine.awaitDefinitions();
            Optional<StoredDefinition> d = name == null ? Optional.empty() : definitions.stored(name);
            if (d.isEmpty()) {
                throw PrimitiveException.resourceNotFound(uri, "No workflow definition at " + uri);
            }
            try {
                String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                        mapper.readTree(d.get().source()));
                return ResourceContents.text(uri, "application/json", pretty);
            } catch (JsonProcessingException e) {
                throw new PrimitiveException(PrimitiveException.Kind.INTERNAL, "workflow " + name
                        + " is stored in a form that cannot be read");
            }
        }

        @Override
        public boolean exists(String uri, Caller caller) {
            engine.awaitDefinitions();
            return WORKFLOW.match(uri).flatMap(v -> definitions.stored(v.get("name"))).isPresent();
        }

        @Override
        public List<String> complete(String uriTemplate, String variable, String prefix,
                Map<String, String> context, Caller caller) {
            String lower = prefix.toLowerCase(Locale.ROOT);
            engine.awaitDefinitions();
            return definitions.list().stream().map(StoredDefinition::name)
                    .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
        }

        private static String uriOf(String name) {
            return WORKFLOWS + UriTemplate.encode(name, false);
        }
    }

    /** Runs, each visible to its starter and to admins only. */
    final class Runs implements ResourceSource {

        @Override
        public String name() {
            return "runs";
        }

        @Override
        public String description() {
            return "Workflow runs: state, input and steps, for the principal who started the run and admins.";
        }

        @Override
        public boolean handles(String uri) {
            return uri.startsWith(RUNS);
        }

        @Override
        public List<ResourceDescriptor> resources(Caller caller) {
            return List.of();
        }

        @Override
        public List<ResourceTemplateDescriptor> templates() {
            return List.of(new ResourceTemplateDescriptor(RUN.template(), "runs", "Workflow runs",
                    "A workflow run's state and steps, by run id (yours only, unless you are an admin)",
                    "application/json"));
        }

        @Override
        public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
            Optional<ObjectNode> view = RUN.match(uri).flatMap(v -> runs.visibleRun(v.get("id"), caller));
            if (view.isEmpty()) {
                // The same answer for a run that does not exist and one of somebody else's.
                throw PrimitiveException.resourceNotFound(uri, "No workflow run at " + uri + " that you may see");
            }
            try {
                return ResourceContents.text(uri, "application/json",
                        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(view.get()));
            } catch (JsonProcessingException e) {
                throw new PrimitiveException(PrimitiveException.Kind.INTERNAL, "the run could not be shown");
            }
        }

        @Override
        public boolean exists(String uri, Caller caller) {
            return RUN.match(uri).flatMap(v -> runs.visibleRun(v.get("id"), caller)).isPresent();
        }

        @Override
        public List<String> complete(String uriTemplate, String variable, String prefix,
                Map<String, String> context, Caller caller) {
            return runs.visibleRunIds(caller, prefix, COMPLETED_RUNS);
        }
    }
}
