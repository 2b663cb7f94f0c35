package io.toolgate.deployment;

import java.util.List;
import java.util.function.Predicate;

import org.jboss.jandex.ClassInfo;
import org.jboss.logging.Logger;

import io.quarkus.agroal.spi.JdbcDataSourceBuildItem;
import io.quarkus.arc.deployment.BuildTimeConditionBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Leaves out the optional parts {@link ToolgateBuildConfig} switches off, or whose Quarkus extension the application
 * did not add (the model client; a datasource without Flyway fails instead): every class of the part is disabled as a
 * build-time condition, so ArC registers none of its beans and Quarkus REST none of its endpoints. Each part lives in
 * its own packages; nothing outside them injects its beans (the deployment tests build each part out).
 */
class OptionalPartsProcessor {

    private static final Logger LOG = Logger.getLogger(OptionalPartsProcessor.class);

    /** Classes of the Quarkus extensions an application may add or not (runtime modules). */
    static final String FLYWAY = "io.quarkus.flyway.runtime.FlywayRecorder";
    static final String MODEL_CLIENT = "io.quarkiverse.langchain4j.openai.runtime.OpenAiRecorder";

    /** The agent endpoint itself. */
    static final Predicate<String> AGENT = name -> name.equals("io.toolgate.agent.ChatCompletionsResource")
            || name.equals("io.toolgate.agent.AgentLoop");
    /** The model client: the agent endpoint's, and workflows' for their {@code arguments: llm} steps. */
    static final Predicate<String> MODEL = name -> name.startsWith("io.toolgate.agent.");
    static final Predicate<String> DECLARATIVE = name -> name.startsWith("io.toolgate.declarative.")
            || name.startsWith("io.toolgate.command.") || name.startsWith("io.toolgate.gateway.");
    static final Predicate<String> WORKFLOWS = name -> name.startsWith("io.toolgate.workflow.")
            || name.equals("io.toolgate.resource.WorkflowResources");

    @BuildStep
    void leaveOut(ToolgateBuildConfig config, CombinedIndexBuildItem combined,
            List<JdbcDataSourceBuildItem> dataSources, BuildProducer<BuildTimeConditionBuildItem> conditions) {
        Predicate<String> out = name -> false;
        if (!dataSources.isEmpty() && !QuarkusClassLoader.isClassPresentAtRuntime(FLYWAY)) {
            // Toolgate's tables in the application's datasource are made by its Flyway migrations, which the
            // application's quarkus-flyway runs; without it every call would fail on a missing table.
            throw new ConfigurationException("The application has a JDBC datasource, which Toolgate keeps its audit"
                    + " log, tasks and workflow runs in, but not io.quarkus:quarkus-flyway, which makes Toolgate's"
                    + " tables: add it and set quarkus.flyway.migrate-at-start=true (docs/extension.md)");
        }
        boolean workflows = workflows(config, !dataSources.isEmpty());
        if (!modelClientPresent()) {
            if (config.agent().enabled()) {
                LOG.info("Toolgate: the agent endpoint is left out, the application has no model client"
                        + " (io.quarkiverse.langchain4j:quarkus-langchain4j-openai)");
            }
            out = out.or(MODEL);
        } else if (!config.agent().enabled()) {
            out = out.or(workflows ? AGENT : MODEL);
        }
        if (!config.declarative().enabled()) {
            out = out.or(DECLARATIVE);
        }
        if (!workflows) {
            out = out.or(WORKFLOWS);
        }
        for (ClassInfo type : combined.getIndex().getKnownClasses()) {
            if (out.test(type.name().toString())) {
                conditions.produce(new BuildTimeConditionBuildItem(type, false));
            }
        }
    }

    /**
     * Toolgate counts calls by error code per tool (ToolMetrics); SmallRye's {@code ft_*} metrics would repeat them.
     * A default (the application's own setting wins) given here rather than in a
     * {@code META-INF/microprofile-config.properties} of the runtime jar, which SmallRye Config would open as a zip
     * file system at every start.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem faultToleranceMetricsOff() {
        return new RunTimeConfigurationDefaultBuildItem("quarkus.fault-tolerance.metrics.enabled", "false");
    }

    /**
     * The model client's defaults. It refuses to start without an API key: the placeholder lets an application start
     * without a model (while the key is the placeholder and the base URL is OpenAI's, the agent endpoint answers
     * 503). It retries 429 and 5xx answers itself, with backoff; Toolgate adds no retry loop of its own.
     */
    @BuildStep
    void modelClientDefaults(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (modelClientPresent()) {
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.langchain4j.openai.api-key",
                    "${QUARKUS_LANGCHAIN4J_OPENAI_API_KEY:toolgate-no-model-configured}"));
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.langchain4j.openai.max-retries", "2"));
        }
    }

    /** The model client is an optional dependency of the runtime module, which an application adds or not. */
    static boolean modelClientPresent() {
        return QuarkusClassLoader.isClassPresentAtRuntime(MODEL_CLIENT);
    }

    static boolean workflows(ToolgateBuildConfig config, boolean hasDataSource) {
        if (config.workflows().enabled().isEmpty()) {
            if (!hasDataSource) {
                LOG.info("Toolgate: workflows are left out, the application has no JDBC datasource to keep their"
                        + " runs in (quarkus.toolgate.workflows.enabled)");
            }
            return hasDataSource;
        }
        boolean wanted = config.workflows().enabled().get();
        if (wanted && !hasDataSource) {
            throw new ConfigurationException("quarkus.toolgate.workflows.enabled=true, but the application has no"
                    + " JDBC datasource: workflows keep their runs and approvals in the database. Configure one"
                    + " (quarkus.datasource.db-kind and a JDBC driver) or leave workflows out.");
        }
        return wanted;
    }
}
