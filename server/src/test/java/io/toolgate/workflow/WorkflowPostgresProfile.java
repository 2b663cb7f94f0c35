package io.toolgate.workflow;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link WorkflowProfile} on the PostgreSQL server at 127.0.0.1:5432, in a schema of its own ({@code toolgate_wf}),
 * rebuilt from the migrations at start.
 */
public class WorkflowPostgresProfile extends WorkflowProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>(super.getConfigOverrides());
        c.put("quarkus.datasource.active", "false");
        c.put("quarkus.datasource.postgresql.active", "true");
        c.put("quarkus.datasource.postgresql.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=toolgate_wf");
        c.put("quarkus.flyway.postgresql.schemas", "toolgate_wf");
        c.put("quarkus.flyway.postgresql.clean-at-start", "true");
        c.put("quarkus.flyway.postgresql.clean-disabled", "false");
        return c;
    }
}
