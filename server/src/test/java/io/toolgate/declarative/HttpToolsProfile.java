package io.toolgate.declarative;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Toolgate with a definition folder in a temporary directory (polled every 300 ms), the sample OpenAPI document, and
 * the HTTP demo tools, all pointed at an {@link HttpStub} on 127.0.0.1. The port and folder are kept in system
 * properties because the profile and the test class may be loaded by different class loaders.
 */
public class HttpToolsProfile implements QuarkusTestProfile {

    static final String SECRET_ENV = "TOOLGATE_TEST_SECRET";

    static synchronized int stubPort() {
        String port = System.getProperty("httptools-test.stub-port");
        if (port == null) {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = String.valueOf(probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("httptools-test.stub-port", port);
        }
        return Integer.parseInt(port);
    }

    static synchronized Path folder() {
        String folder = System.getProperty("httptools-test.tool-folder");
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("toolgate-tools").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("httptools-test.tool-folder", folder);
        }
        return Path.of(folder);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String stub = "http://127.0.0.1:" + stubPort();
        Map<String, String> c = new HashMap<>();
        c.put("toolgate.declarative.folder", folder().toString());
        c.put("toolgate.declarative.reload-interval", "300ms");
        c.put("toolgate.security.anonymous-roles", "admin");
        String petstore = "toolgate.declarative.openapi.\"petstore\".";
        c.put(petstore + "location", "src/test/resources/openapi/petstore.yaml");
        c.put(petstore + "tags", "pets");
        c.put(petstore + "base-url", stub + "/api");
        c.put(petstore + "secret-env", SECRET_ENV);
        c.put(petstore + "auth-header", "X-Api-Key");
        c.put(petstore + "allow-private-network", "true");
        c.put("toolgate.demo.weather-base-url", stub + "/meteo");
        c.put("toolgate.demo.geocoding-base-url", stub + "/geo");
        c.put("toolgate.demo.weather-allow-private-network", "true");
        c.put("toolgate.demo.services.\"stubpay\".base-url", stub + "/pay");
        c.put("toolgate.demo.services.\"stubpay\".secret-env", SECRET_ENV);
        c.put("toolgate.demo.services.\"stubpay\".description", "a payment provider stand-in");
        c.put("toolgate.demo.services.\"stubpay\".allow-private-network", "true");
        return c;
    }
}
