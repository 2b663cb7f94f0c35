package io.toolgate.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.toolgate.SecuredProfile;

/** Toolgate with API keys and roles (as {@link SecuredProfile}) and the scripted fake model. */
public class FakeModelProfile extends SecuredProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>(super.getConfigOverrides());
        // The secured profile limits lookup_customer to 3 calls a minute; the agent tests call it more often.
        c.put("toolgate.tools.\"lookup_customer\".rate-limit", "1000");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOpenAiServer.class));
    }
}
