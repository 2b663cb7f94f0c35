package io.toolgate.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.demo.datatools.FileSandbox;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.resource.ResourceContents;
import io.toolgate.resource.ResourceDescriptor;
import io.toolgate.resource.ResourceSource;
import io.toolgate.resource.ResourceTemplateDescriptor;
import io.toolgate.resource.MimeTypes;
import io.toolgate.resource.UriTemplate;
import io.toolgate.security.Caller;
import io.toolgate.tool.ConfinedPaths;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The shop's documents folder ({@code toolgate.demo.files-root}, what {@code read_file} reads) as resources
 * {@code toolgate://documents/<path>}: each file listed, text files as text and others (a PNG) as a base64 blob.
 * Paths are confined by the same {@link FileSandbox} and {@link ConfinedPaths} rules as {@code read_file}, and the
 * family takes that tool's roles, so nobody reads a document here they could not read with the tool. Served only
 * while {@code read_file} is (the demo toolset on, the tool not switched off).
 */
@Singleton
public class DocumentResources implements ResourceSource {

    private static final Logger LOG = Logger.getLogger(DocumentResources.class);
    static final String PREFIX = "toolgate://documents/";
    static final String TEMPLATE = PREFIX + "{path}";
    private static final int LISTED_DEPTH = 5;
    private static final int LISTED_FILES = 1000;

    private final FileSandbox sandbox;
    private volatile Set<String> roles = Set.of();

    @Inject
    public DocumentResources(DemoConfig config) {
        this.sandbox = new FileSandbox(Path.of(config.filesRoot()), config.maxFileBytes());
    }

    void register(@Observes StartupEvent start, DemoConfig config, ToolRegistry tools, ResourceCatalog catalog) {
        if (!config.enabled()) {
            return;
        }
        RegisteredTool readFile = tools.find("read_file").orElse(null);
        if (readFile == null) {
            LOG.info("read_file is not served, so neither are the toolgate://documents resources");
            return;
        }
        roles = readFile.definition().policy().roles();
        catalog.register(this);
    }

    @Override
    public String name() {
        return "documents";
    }

    @Override
    public String description() {
        return "The shop's documents (returns policy, shipping FAQ), as read_file reads them.";
    }

    @Override
    public Set<String> roles() {
        return roles;
    }

    @Override
    public boolean handles(String uri) {
        return uri.startsWith(PREFIX);
    }

    @Override
    public List<ResourceDescriptor> resources(Caller caller) {
        List<ResourceDescriptor> out = new ArrayList<>();
        for (FileSandbox.Entry file : sandbox.files(LISTED_DEPTH, LISTED_FILES)) {
            out.add(new ResourceDescriptor(uriOf(file.path()), file.path(), null, null, mimeType(file.path()),
                    file.size()));
        }
        return out;
    }

    @Override
    public List<ResourceTemplateDescriptor> templates() {
        return List.of(new ResourceTemplateDescriptor(TEMPLATE, "documents", "Shop documents",
                "A shop document by its path in the documents folder, e.g. returns-policy.txt", null));
    }

    @Override
    public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
        String path = pathOf(uri);
        try {
            ConfinedPaths.checkedRelative(path);
        } catch (ToolException refused) {
            throw PrimitiveException.invalidParams(refused.getMessage());
        }
        byte[] bytes;
        try {
            bytes = sandbox.readBytes(path);
        } catch (FileSandbox.TooLargeException e) {
            throw new PrimitiveException(PrimitiveException.Kind.INTERNAL, e.getMessage());
        } catch (ToolException e) {
            // Missing, a folder, or a link leading out of the folder: all simply not a resource here.
            throw PrimitiveException.resourceNotFound(uri, "Resource not found: " + uri + " (" + e.getMessage() + ")");
        }
        String mimeType = mimeType(path);
        String text = MimeTypes.textual(mimeType) || mimeType.equals(MimeTypes.OCTET_STREAM)
                ? MimeTypes.utf8(bytes) : null;
        if (text != null) {
            return ResourceContents.text(uri, mimeType.equals(MimeTypes.OCTET_STREAM) ? "text/plain" : mimeType, text);
        }
        return ResourceContents.blob(uri, mimeType, bytes);
    }

    @Override
    public boolean exists(String uri, Caller caller) {
        String path = pathOf(uri);
        return path != null && sandbox.files(LISTED_DEPTH, LISTED_FILES).stream().anyMatch(f -> f.path().equals(path));
    }

    @Override
    public List<String> complete(String uriTemplate, String variable, String prefix, Map<String, String> context,
            Caller caller) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        return sandbox.files(LISTED_DEPTH, LISTED_FILES).stream().map(FileSandbox.Entry::path)
                .filter(p -> p.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
    }

    /** The URI of a file; each path segment percent-encoded, the slashes between them kept. */
    static String uriOf(String path) {
        return PREFIX + UriTemplate.encode(path, true);
    }

    /** The relative path a URI names, decoded; the confinement checks come after, on the decoded path. */
    private static String pathOf(String uri) {
        String decoded = UriTemplate.decode(uri.substring(PREFIX.length()));
        return decoded == null ? "" : decoded;
    }

    private static String mimeType(String path) {
        String known = MimeTypes.byName(path);
        return known != null ? known : MimeTypes.OCTET_STREAM;
    }
}
