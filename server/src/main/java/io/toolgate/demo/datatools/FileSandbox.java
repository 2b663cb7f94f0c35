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
 * Reads files under one root directory and nowhere else; paths are confined by {@link ConfinedPaths} (the rule
 * command tools share). {@code read_file} takes UTF-8 text only; the documents resources ({@code
 * toolgate://documents/...}) read any file through {@link #readBytes} under the same confinement. Files over the size
 * limit are refused whole rather than returned cut.
 */
public final class FileSandbox {

    private static final int LISTED_FILES = 20;

    private final Path root;
    private final int maxBytes;

    public FileSandbox(Path root, int maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** A file over the size limit: refused, though it exists. */
    public static final class TooLargeException extends ToolException {
        TooLargeException(String message) {
            super(message);
        }
    }

    DataResults.FileContent read(String requested) {
        Path relative = ConfinedPaths.checkedRelative(requested);
        byte[] bytes = readBytes(requested);
        return new DataResults.FileContent(relative.toString(), bytes.length, text(bytes, requested));
    }

    /**
     * The whole file, text or binary.
     *
     * @throws ToolException for a path the confinement refuses or that names no regular file under the root;
     *         {@link TooLargeException} for a file over the limit
     */
    public byte[] readBytes(String requested) {
        Path realRoot = ConfinedPaths.realRoot(root);
        Path real = ConfinedPaths.resolveExisting(realRoot, requested, () -> new ToolException("no file " + requested
                + " under the files root; files there: " + listing(realRoot)));
        if (!Files.isRegularFile(real)) {
            throw new ToolException(requested + " is a directory, not a file; files there: " + listing(real));
        }
        return readAtMost(real, requested);
    }

    /** A file under the root, as {@link #files} lists it. */
    public record Entry(String path, long size) {
    }

    /**
     * The regular files under the root (at most {@code limit}, {@code depth} folders deep), sorted by path. A file
     * whose real path leads out of the root (a symbolic link) is left out, by the same rule reads apply.
     */
    public List<Entry> files(int depth, int limit) {
        Path realRoot;
        try {
            realRoot = ConfinedPaths.realRoot(root);
        } catch (ToolException e) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(realRoot, depth)) {
            return walk.filter(p -> !p.equals(realRoot))
                    .map(p -> realRoot.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .map(relative -> entry(realRoot, relative))
                    .filter(java.util.Objects::nonNull)
                    .limit(limit)
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static Entry entry(Path realRoot, String relative) {
        try {
            Path real = ConfinedPaths.resolveExisting(realRoot, relative, () -> new ToolException("gone"));
            return Files.isRegularFile(real) ? new Entry(relative, Files.size(real)) : null;
        } catch (ToolException | IOException e) {
            return null;
        }
    }

    // Reads one byte past the limit instead of trusting the size reported before: the file may grow in between.
    private byte[] readAtMost(Path real, String requested) {
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLargeException("file " + requested + " is larger than the limit of " + maxBytes
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
