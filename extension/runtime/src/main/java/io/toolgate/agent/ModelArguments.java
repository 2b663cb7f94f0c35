package io.toolgate.agent;

import java.time.Duration;
import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.toolgate.tool.ToolDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Lets the model fill in one tool call's arguments (a workflow step with {@code arguments: llm}): the tool is the only
 * one offered and the choice is forced, so the answer is a call of that tool. Goes through the agent's model client,
 * so configuration, retries, error translation and token counting are the agent endpoint's. The arguments come back
 * as the model wrote them; the pipeline validates them like any other call's.
 */
@ApplicationScoped
public class ModelArguments {

    private static final String SYSTEM = "You fill in the arguments of one tool call that is a step of an automated"
            + " workflow. Call the tool exactly once, with arguments taken from the workflow input and the results of"
            + " earlier steps given below. Do not invent values that are not there.";

    @Inject
    ModelGateway model;
    @Inject
    TokenUsageRecorder usageRecorder;

    /** A model call that did not produce arguments; the message is safe to show (no key, no stack). */
    public static final class ModelArgumentsException extends RuntimeException {
        ModelArgumentsException(String message) {
            super(message, null, false, false);
        }
    }

    public boolean configured() {
        return model.configured();
    }

    /** @return the arguments JSON text of the forced call */
    public String choose(ToolDefinition tool, String context, Duration timeout) {
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(SYSTEM), UserMessage.from(context)))
                .toolSpecifications(List.of(ToolSpecifications.of(tool)))
                .toolChoice(ToolChoice.REQUIRED)
                .build();
        ChatResponse response;
        try {
            response = model.chat(request, new Deadline(timeout));
        } catch (AgentFailure failure) {
            throw new ModelArgumentsException(failure.getMessage());
        }
        usageRecorder.step(response.modelName() != null ? response.modelName() : model.defaultModelName(),
                Usage.of(response.tokenUsage()));
        if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : response.aiMessage().toolExecutionRequests()) {
                if (tool.name().equals(call.name())) {
                    return call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
                }
            }
        }
        throw new ModelArgumentsException("the model did not call tool '" + tool.name() + "' although it was the"
                + " required choice");
    }
}
