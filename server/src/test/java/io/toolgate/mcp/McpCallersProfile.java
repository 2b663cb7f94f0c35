package io.toolgate.mcp;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.toolgate.SecuredProfile;

/**
 * The conformance fixtures with authentication on: the API keys of {@link SecuredProfile} ({@link #ALICE} with the
 * role {@code shop}, {@link #BOB} without roles), so that tests can tell one caller's request states and tasks from
 * another's. Every request needs a key.
 */
public class McpCallersProfile implements QuarkusTestProfile {

    static final String ALICE = SecuredProfile.ALICE;
    static final String BOB = SecuredProfile.BOB;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new McpFixturesProfile().getConfigOverrides());
        new SecuredProfile().getConfigOverrides().forEach((key, value) -> {
            if (key.startsWith("toolgate.security.api-keys.")) {
                config.put(key, value);
            }
        });
        return config;
    }
}
