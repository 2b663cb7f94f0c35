package io.toolgate.demo.datatools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.toolgate.tool.ConfinedPaths;
import io.toolgate.tool.ToolException;

/**
 * Reads text files under one root directory and nowhere else; paths are confined by {@link ConfinedPaths} (the
 * rule command tools share). Files over the size limit and files that are not UTF-8 text are refused
 * whole rather than returned cut or garbled.
 */
final class FileSandbox {

    private static final int LISTED_FILES = 20;

    private final Path root;
    private final int maxBytes;

    FileSandbox(Path root, int maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    DataResults.FileContent read(String requested) {
        Path relative = ConfinedPaths.checkedRelative(requested);
        Path realRoot = ConfinedPaths.realRoot(root);
        Path real = ConfinedPaths.resolveExisting(realRoot, requested, () -> new ToolException("no file " + requested
                + " under the files root; files there: " + listing(realRoot)));
        if (!Files.isRegularFile(real)) {
            throw new ToolException(requested + " is a directory, not a file; files there: " + listing(real));
        }
        byte[] bytes = readAtMost(real, requested);
        return new DataResults.FileContent(relative.toString(), bytes.length, text(bytes, requested));
    }

    // Reads one byte past the limit instead of trusting the size reported before: the file may grow in between.
    private byte[] readAtMost(Path real, String requested) {
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ToolException("file " + requested + " is larger than the limit of " + maxBytes
                        + " bytes and was not read");
            }
            return bytes;
        } catch (IOException e) {
            throw new ToolException("file " + requested + " cannot be read");
        }
    }

    private static String text(byte[] bytes, String requested) {
        for (byte b : bytes) {
            if (b == 0) {
                throw binary(requested);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw binary(requested);
        }
    }

    private static ToolException binary(String requested) {
        return new ToolException("file " + requested + " is binary (not UTF-8 text); only text files can be read");
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
                    .limit(LISTED_FILES).toList();
            return names.isEmpty() ? "(none)" : String.join(", ", names);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot be listed)";
        }
    }
}
