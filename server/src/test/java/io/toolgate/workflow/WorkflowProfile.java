package io.toolgate.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.toolgate.SecuredProfile;
import io.toolgate.agent.FakeOpenAiServer;

/**
 * The workflow tests' Toolgate: authentication on (the API keys of {@link SecuredProfile}), the scripted fake model,
 * and an in-memory database of its own, so the orders, payments and e-mails written here never meet the seed-row
 * checks of the data tool tests.
 */
public class WorkflowProfile extends SecuredProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>(super.getConfigOverrides());
        c.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:workflows;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        c.put("toolgate.tools.\"lookup_customer\".rate-limit", "10000");
        c.put("toolgate.workflows.folder", "target/no-workflows-here");
        c.put("toolgate.workflows.max-steps", "40");
        c.put("toolgate.demo.payment-limit", "5000");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOpenAiServer.class));
    }
}
