package io.toolgate.bridge;

/** Whose tool-call wire format a batch arrived in. */
public enum Provider {
    OPENAI, ANTHROPIC, OPENAI_RESPONSES, GEMINI, BEDROCK
}
