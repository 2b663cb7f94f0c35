package com.example.hello;

import java.util.Arrays;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** Pure computation: runs on the calling thread, no I/O. */
@ApplicationScoped
public class TextTools {

    public record WordCount(int words, int characters, String longestWord) {
    }

    @Tool(name = "count_words", readOnly = true, idempotent = true, nonBlocking = true,
            description = "Counts the words and characters of a text and names its longest word.")
    public WordCount countWords(@ToolParam(description = "The text to count, any language") String text) {
        String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        String longest = Arrays.stream(words).reduce("", (a, b) -> b.length() > a.length() ? b : a);
        return new WordCount(words.length, text.length(), longest);
    }
}
