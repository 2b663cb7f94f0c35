package io.toolgate.agent;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Toolgate as shipped: no model settings at all. */
public class NoModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // A distinct override so this profile gets its own Quarkus start, without the fake model's settings.
        return Map.of("toolgate.agent.max-steps", "10");
    }
}
