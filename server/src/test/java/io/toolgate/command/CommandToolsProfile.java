package io.toolgate.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Toolgate with a definition folder in a temporary directory (reloaded by the tests themselves) and an executable
 * allowlist holding the programs the tests use, among them /usr/bin/dash for the test scripts, and one listed path
 * that is a link to a program that is not listed. The folder is kept in a system property because the profile and
 * the test class may be loaded by different class loaders.
 */
public class CommandToolsProfile implements QuarkusTestProfile {

    static synchronized Path folder() {
        String folder = System.getProperty("commandtools-test.tool-folder");
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("toolgate-command-tools").toString();
                // Listed on the allowlist, but a link to a program that is not.
                Files.createSymbolicLink(Path.of(folder, "listed-link-to-id"), Path.of("/usr/bin/id"));
                // Toolgate's data folder, which the bwrap sandbox hides; outside /tmp, which the sandbox replaces anyway.
                Files.createDirectories(dataDir());
                Files.writeString(dataDir().resolve("toolgate-secret.txt"), "not for programs");
                // Not listed, but a link to a program that is.
                Files.createSymbolicLink(Path.of(folder, "unlisted-link-to-printf"), Path.of("/usr/bin/printf"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("commandtools-test.tool-folder", folder);
        }
        return Path.of(folder);
    }

    static Path dataDir() {
        return Path.of("target/command-test-data").toAbsolutePath();
    }

    static Path definitions() {
        return folder().resolve("tools");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        try {
            Files.createDirectories(definitions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.put("toolgate.declarative.folder", definitions().toString());
        c.put("toolgate.declarative.reload-interval", "0");
        // In-memory H2 in tests: the data folder only holds a file the sandbox must hide.
        c.put("toolgate.data-dir", dataDir().toString());
        // As by default: the working folders under the data folder, so the sandbox must show one of them again.
        c.put("toolgate.commands.work-root", dataDir().resolve("commands").toString());
        c.put("toolgate.security.anonymous-roles", "admin");
        c.put("toolgate.commands.allowed-executables", String.join(",", "/usr/bin/printf", "/usr/bin/printenv",
                "/usr/bin/dash", "/usr/bin/bash", "/usr/bin/cat", "/usr/bin/seq", "/usr/bin/sort", "/usr/bin/wc",
                "/usr/bin/touch", "/usr/bin/env", "/usr/bin/grep", "/usr/bin/head", "/usr/bin/date",
                folder().resolve("listed-link-to-id").toString()));
        c.put("toolgate.commands.environment", "PATH=/usr/bin:/bin,LANG=C.UTF-8");
        return c;
    }
}
