package io.toolgate.demo.datatools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.toolgate.tool.ToolException;

/**
 * Reads text files under one root directory and nowhere else. A path is refused before it touches the file system
 * if it is absolute, names a drive, uses backslashes, holds a NUL byte or a {@code ..} segment; after resolving every
 * symbolic link ({@code toRealPath}) the file must still lie under the root's own real path, so a link inside the
 * root that points out of it is refused too. Files over the size limit and files that are not UTF-8 text are refused
 * whole rather than returned cut or garbled.
 */
final class FileSandbox {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int LISTED_FILES = 20;

    private final Path root;
    private final int maxBytes;

    FileSandbox(Path root, int maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    DataResults.FileContent read(String requested) {
        Path relative = checkedRelative(requested);
        Path realRoot = realRoot();
        Path real;
        try {
            real = realRoot.resolve(relative).toRealPath();
        } catch (NoSuchFileException e) {
            throw new ToolException("no file " + requested + " under the files root; files there: " + listing(realRoot));
        } catch (IOException e) {
            throw new ToolException("file " + requested + " cannot be read");
        }
        if (!real.startsWith(realRoot)) {
            throw new ToolException("path " + requested + " leads outside the files root (through a symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            throw new ToolException(requested + " is a directory, not a file; files there: " + listing(real));
        }
        byte[] bytes = readAtMost(real, requested);
        return new DataResults.FileContent(relative.toString(), bytes.length, text(bytes, requested));
    }

    private static Path checkedRelative(String requested) {
        if (requested.indexOf('\0') >= 0) {
            throw new ToolException("path contains a NUL byte");
        }
        if (requested.startsWith("/") || requested.startsWith("\\") || requested.startsWith("~")
                || DRIVE.matcher(requested).matches()) {
            throw new ToolException("path " + requested + " is absolute; give a path relative to the files root,"
                    + " like returns-policy.txt");
        }
        if (requested.indexOf('\\') >= 0) {
            throw new ToolException("path " + requested + " contains a backslash; separate folders with /");
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new ToolException("path " + requested + " is not a valid file path");
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw new ToolException("path " + requested + " contains '..'; only files under the files root can"
                        + " be read");
            }
        }
        if (path.isAbsolute()) {
            throw new ToolException("path " + requested + " is absolute; give a path relative to the files root");
        }
        return path.normalize();
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new ToolException("the files root is not available on this server");
        }
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
