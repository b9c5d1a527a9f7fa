package dev.mcpws.api;

import java.util.List;

/**
 * A complete {@code prompts/get} result.
 *
 * @param description null means the prompt's own description
 * @param messages    the messages, in order
 */
public record PromptResult(String description, List<PromptMessage> messages) {

    public PromptResult {
        messages = List.copyOf(messages);
    }

    public static PromptResult of(PromptMessage... messages) {
        return new PromptResult(null, List.of(messages));
    }
}
