package io.toolgate.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Holds the extension's {@link ChatModel}. The extension creates that bean only for a plain injection point, and
 * refuses to create it without an API key; keeping the injection in this lazily created bean, touched only once
 * {@link ModelGateway#configured()} said yes, lets the server start and serve everything else without a model.
 */
@ApplicationScoped
class ConfiguredChatModel {

    @Inject
    ChatModel model;

    ChatResponse chat(ChatRequest request) {
        return model.chat(request);
    }
}
