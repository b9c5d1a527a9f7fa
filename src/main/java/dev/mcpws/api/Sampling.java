package dev.mcpws.api;

import jakarta.json.JsonObject;
import java.util.function.Supplier;

/**
 * Asks the client's LLM for a completion ({@code sampling/createMessage}). Same two wire forms and rules as
 * {@link Elicitation}: blocking on a legacy connection, {@code input_required} and re-execution in 2026-07-28.
 */
public interface Sampling {

    /** True when the client declared the {@code sampling} capability. */
    boolean isSupported();

    /**
     * Sends {@code params} as they are (the spec's {@code CreateMessageRequest} params: {@code messages},
     * {@code maxTokens}, optional {@code systemPrompt}, {@code modelPreferences}, …).
     */
    SamplingResult createMessage(JsonObject params);

    /** One user text message, answered as text ({@link SamplingResult#text()}). */
    SamplingResult ask(String prompt, int maxTokens);

    /** {@link #ask} registered to be asked together with other questions: see {@link Elicitation#formLater}. */
    Supplier<SamplingResult> askLater(String key, String prompt, int maxTokens);
}
