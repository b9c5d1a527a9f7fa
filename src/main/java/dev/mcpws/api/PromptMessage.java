package dev.mcpws.api;

import java.util.Objects;

/**
 * One message of a prompt: who says it and one {@link Content} block. Blocks a client's protocol version does not
 * know are sent as text (as in tool results).
 */
public record PromptMessage(Role role, Content content) {

    /** The speaker of a message. */
    public enum Role { user, assistant }

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static PromptMessage user(String text) {
        return new PromptMessage(Role.user, Content.text(text));
    }

    public static PromptMessage user(Content content) {
        return new PromptMessage(Role.user, content);
    }

    public static PromptMessage assistant(String text) {
        return new PromptMessage(Role.assistant, Content.text(text));
    }

    public static PromptMessage assistant(Content content) {
        return new PromptMessage(Role.assistant, content);
    }
}
