package io.toolgate.deployment;

import java.util.List;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** A tool bean of the test application: nothing injects it, so only the extension keeps it. */
@ApplicationScoped
public class GreetingTools {

    public enum Tone {
        FORMAL, CASUAL
    }

    public record Line(String text) {
    }

    public record Greeting(String text, Tone tone, List<Line> lines) {
    }

    @Tool(name = "greet_person", readOnly = true, description = "Greets a person by name in the tone asked for.")
    public Greeting greet(@ToolParam(description = "Name of the person to greet") String name,
            @ToolParam(description = "How formal the greeting is") Tone tone) {
        String text = (tone == Tone.FORMAL ? "Good day, " : "Hi, ") + name;
        return new Greeting(text, tone, List.of(new Line(text)));
    }
}
