package io.toolgate.prompt;

/** @param role {@code user} or {@code assistant} */
public record PromptMessage(String role, PromptContent content) {

    public PromptMessage {
        if (!"user".equals(role) && !"assistant".equals(role)) {
            throw new IllegalArgumentException("role must be user or assistant, got " + role);
        }
    }

    public static PromptMessage user(PromptContent content) {
        return new PromptMessage("user", content);
    }

    public static PromptMessage userText(String text) {
        return new PromptMessage("user", new PromptContent.Text(text));
    }
}
