package io.toolgate.declarative;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * What every polled definition folder shares (tool files, prompt files): which files count as definitions, and the
 * content hash that tells a changed file from an untouched one.
 */
public final class DefinitionFiles {

    private static final Logger LOG = Logger.getLogger(DefinitionFiles.class);

    private DefinitionFiles() {
    }

    /** The folder's {@code *.yaml}, {@code *.yml} and {@code *.json} files by name, hidden files left out. */
    public static Map<String, Path> in(Path folder) {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isRegularFile).forEach(p -> {
                String file = p.getFileName().toString();
                if (!file.startsWith(".") && (file.endsWith(".yaml") || file.endsWith(".yml")
                        || file.endsWith(".json"))) {
                    out.put(file, p);
                }
            });
        } catch (IOException e) {
            LOG.warnf("Definition folder %s could not be listed", folder);
        }
        return out;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
