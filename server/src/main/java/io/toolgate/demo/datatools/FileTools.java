package io.toolgate.demo.datatools;

import java.nio.file.Path;

import io.toolgate.demo.DemoConfig;
import io.toolgate.demo.DemoToolset;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The shop's documents (returns policy, shipping FAQ) for a model, confined to {@code toolgate.demo.files-root}. */
@ApplicationScoped
@DemoToolset
public class FileTools {

    private final FileSandbox sandbox;

    @Inject
    public FileTools(DemoConfig config) {
        this.sandbox = new FileSandbox(Path.of(config.filesRoot()), config.maxFileBytes());
    }

    @Tool(name = "read_file", title = "Read a shop document", readOnly = true, idempotent = true,
            description = "Read one of the shop's text documents, such as returns-policy.txt or shipping-faq.md, by"
                    + " its path relative to the documents folder. Returns the whole text; large or binary files"
                    + " are refused.")
    public DataResults.FileContent readFile(
            @ToolParam(description = "Path relative to the documents folder, for example returns-policy.txt")
            @NotBlank @Size(max = 255) String path) {
        return sandbox.read(path);
    }
}
