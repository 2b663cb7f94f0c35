package io.toolgate.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A model configured at a loopback port nobody listens on, and a short agent deadline. */
public class UnreachableModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.langchain4j.openai.base-url", "http://127.0.0.1:" + closedPort() + "/v1/",
                "quarkus.langchain4j.openai.api-key", "sk-unreachable-test-key-000000");
    }

    /** A port that was free a moment ago: bound, then released. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
