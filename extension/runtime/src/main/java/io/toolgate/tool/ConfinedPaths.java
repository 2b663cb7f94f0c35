package io.toolgate.tool;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Confines a path a model wrote to one root directory: the one rule {@code read_file} and command tools share. A path
 * is refused before it touches the file system if it is absolute, names a drive, starts with {@code ~}, uses
 * backslashes, holds a NUL byte or a {@code ..} segment; after resolving every symbolic link ({@code toRealPath}) it
 * must still lie under the root's own real path, so a link inside the root that points out of it is refused too.
 * Every refusal is a {@link ToolException} whose message names the path and the rule.
 */
public final class ConfinedPaths {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private ConfinedPaths() {
    }

    /** The lexical checks alone: the requested path, normalised, relative to the root. */
    public static Path checkedRelative(String requested) {
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

    /** The root's real path; a root that does not exist is a refusal, not a server error. */
    public static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new ToolException("the files root is not available on this server");
        }
    }

    /**
     * The real path of an existing file or folder under the root.
     *
     * @param missing the refusal for a path that does not exist (it may list what does)
     */
    public static Path resolveExisting(Path realRoot, String requested, java.util.function.Supplier<ToolException> missing) {
        Path relative = checkedRelative(requested);
        Path real;
        try {
            real = realRoot.resolve(relative).toRealPath();
        } catch (NoSuchFileException e) {
            throw missing.get();
        } catch (IOException e) {
            throw new ToolException("file " + requested + " cannot be read");
        }
        if (!real.startsWith(realRoot)) {
            throw new ToolException("path " + requested + " leads outside the files root (through a symbolic link)");
        }
        return real;
    }
}
