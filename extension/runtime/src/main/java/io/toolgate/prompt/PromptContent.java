package io.toolgate.prompt;

/**
 * What one prompt message holds. Text and URIs may contain {@code {{argument}}} placeholders, replaced by the
 * argument's value when the prompt is got.
 */
public sealed interface PromptContent {

    /** {@code {type: text, text}}. */
    record Text(String text) implements PromptContent {
    }

    /** {@code {type: image, data, mimeType}}; {@code data} is base64. */
    record Image(String data, String mimeType) implements PromptContent {
    }

    /**
     * {@code {type: resource, resource: {...}}}, read from the resource catalog with the rights of whoever gets the
     * prompt: a caller never receives a resource it could not read itself.
     */
    record Resource(String uri) implements PromptContent {
    }

    /** {@code {type: resource, resource: {uri, mimeType, text|blob}}} with contents given by the prompt itself. */
    record InlineResource(String uri, String mimeType, String text, String blob) implements PromptContent {
    }
}
