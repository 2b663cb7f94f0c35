package com.example.hello;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Pattern;

/** Blocking file I/O: Toolgate runs it on a worker thread, under its timeout and bulkhead. */
@ApplicationScoped
public class NoteTools {

    @ConfigProperty(name = "hello.notes-dir", defaultValue = "notes")
    Path notes;

    public record SavedNote(String name, int bytes, Instant savedAt) {
    }

    @Tool(name = "save_note", idempotent = true, timeoutMs = 5000,
            description = "Saves a short note under a name, replacing any note of that name.")
    public SavedNote saveNote(
            @ToolParam(description = "Name of the note: letters, digits, dash")
            @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String name,
            @ToolParam(description = "The text of the note, stored as given (UTF-8)") String text) throws IOException {
        Files.createDirectories(notes);
        Files.writeString(notes.resolve(name + ".txt"), text);
        return new SavedNote(name, text.getBytes(StandardCharsets.UTF_8).length, Instant.now());
    }
}
