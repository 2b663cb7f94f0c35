package io.toolgate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Toolgate with a definition folder the gateway tests write upstream files into (reloaded by the tests themselves)
 * and Node on the executable allowlist. The folder is kept in a system property because the profile and the test
 * class may be loaded by different class loaders.
 */
public class GatewayProfile implements QuarkusTestProfile {

    static synchronized Path folder() {
        String folder = System.getProperty("gateway-test.tool-folder");
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("toolgate-gateway").toString();
                Files.createDirectories(Path.of(folder, "tools"));
                Files.createDirectories(Path.of(folder, "files"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("gateway-test.tool-folder", folder);
        }
        return Path.of(folder);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("toolgate.declarative.folder", folder().resolve("tools").toString());
        c.put("toolgate.declarative.reload-interval", "0");
        c.put("toolgate.security.anonymous-roles", "admin");
        c.put("toolgate.commands.allowed-executables", NpmUpstreams.NODE.toString());
        c.put("toolgate.commands.environment", "PATH=/usr/bin:/bin,LANG=C.UTF-8");
        c.put("toolgate.commands.work-root", folder().resolve("work").toString());
        c.put("toolgate.virtual-servers.\"files-only\".tools", "upstream:files");
        // An upstream from configuration keys instead of a file.
        c.put("toolgate.upstreams.\"configured\".command", NpmUpstreams.NODE.toString());
        // No transport argument: stdio is the server's default, and the kill test tells the two apart by it.
        c.put("toolgate.upstreams.\"configured\".args", NpmUpstreams.everything().toString());
        c.put("toolgate.upstreams.\"configured\".prefix", "cfg_");
        c.put("toolgate.upstreams.\"configured\".env.\"UPSTREAM_MARK\"", "from-config");
        c.put("toolgate.virtual-servers.\"shop\".tools", "search_*,lookup_customer");
        c.put("toolgate.virtual-servers.\"ops\".tools", "*");
        c.put("toolgate.virtual-servers.\"ops\".roles", "ops");
        return c;
    }
}
