package io.toolgate.mcp.conformance;

import java.util.List;
import java.util.Set;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.prompt.PromptArgument;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.prompt.PromptContent;
import io.toolgate.prompt.PromptDefinition;
import io.toolgate.prompt.PromptMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The prompts the MCP conformance suite gets by fixed names, registered in code through the public
 * {@link PromptCatalog} API only with {@code toolgate.mcp.conformance-fixtures=true}.
 */
@ApplicationScoped
public class ConformancePrompts {

    void register(@Observes StartupEvent start, ToolgateConfig config, PromptCatalog prompts) {
        if (!config.mcp().conformanceFixtures()) {
            return;
        }
        prompts.register(prompt("test_simple_prompt", "A simple prompt without arguments, for the conformance suite.",
                List.of(), PromptMessage.userText("This is a simple prompt for testing.")));
        prompts.register(prompt("test_prompt_with_arguments", "A prompt with two required arguments, for the"
                + " conformance suite.", List.of(PromptArgument.required("arg1", "First test argument"),
                        PromptArgument.required("arg2", "Second test argument")),
                PromptMessage.userText("Prompt with arguments: arg1='{{arg1}}', arg2='{{arg2}}'")));
        prompts.register(prompt("test_prompt_with_embedded_resource", "A prompt embedding a resource, for the"
                + " conformance suite.", List.of(PromptArgument.required("resourceUri", "URI of the resource to"
                        + " embed")),
                PromptMessage.user(new PromptContent.InlineResource("{{resourceUri}}", "text/plain",
                        "Embedded resource content for testing.", null)),
                PromptMessage.userText("Please process the embedded resource above.")));
        prompts.register(prompt("test_prompt_with_image", "A prompt with an image, for the conformance suite.",
                List.of(), PromptMessage.user(new PromptContent.Image(ConformanceFixtures.RED_PIXEL_PNG, "image/png")),
                PromptMessage.userText("Please analyze the image above.")));
        prompts.register(prompt("test_input_required_result_prompt", "A prompt that asks the user for its context"
                + " when it is not given, for the conformance suite.", List.of(PromptArgument.asked("context",
                        "The context the prompt should use", "What context should the prompt use?")),
                PromptMessage.userText("Prompt with context: {{context}}")));
    }

    private static PromptDefinition prompt(String name, String description, List<PromptArgument> arguments,
            PromptMessage... messages) {
        return new PromptDefinition(name, null, description, Set.of(), arguments, List.of(messages),
                ConformancePrompts.class.getSimpleName());
    }
}
