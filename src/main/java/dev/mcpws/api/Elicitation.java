package dev.mcpws.api;

import jakarta.json.JsonObject;
import java.util.function.Supplier;

/**
 * Asks the user for input through the client ({@code elicitation/create}). Declare it as a tool, prompt or resource
 * method parameter (or {@code @Inject} it) and call it on the request's thread.
 *
 * <p>One call, two wire forms: on a legacy (handshake) connection the server sends a real {@code elicitation/create}
 * request and the call blocks until the client answers ({@code mcp.client-request.timeout-ms}); in 2026-07-28 the
 * request ends with {@code resultType: "input_required"} and the method runs again, from the start, when the client
 * retries with the answer, which this call then returns. Write the method so that running it again up to the same
 * question is harmless (no side effects before the questions), and do not swallow the exceptions these calls throw.
 *
 * <p>A client that did not declare the {@code elicitation} capability (or its {@code url} mode) fails the request:
 * check {@link #isSupported()} / {@link #isUrlSupported()} first to offer a fallback.
 */
public interface Elicitation {

    /** True when the client declared form-mode elicitation. */
    boolean isSupported();

    /** True when the client declared URL-mode elicitation ({@code elicitation.url}, 2025-11-25 and later). */
    boolean isUrlSupported();

    /**
     * Asks for structured data in a form.
     *
     * @param requestedSchema a flat JSON Schema object ({@code type: object}, primitive properties)
     */
    ElicitResult form(String message, JsonObject requestedSchema);

    /**
     * {@link #form(String, JsonObject)} under a key of your choosing: in 2026-07-28 the question appears as
     * {@code inputRequests[key]} and the client answers under that key (without one, questions are numbered
     * {@code elicit-1}, {@code elicit-2}... in call order). Legacy connections ignore the key. Use each key once per
     * request: a second question with the same key gets the first one's answer.
     */
    ElicitResult form(String key, String message, JsonObject requestedSchema);

    /**
     * Registers a form question without asking it yet; the first {@code get()} of this or another {@code ...Later}
     * supplier ({@link Sampling#askLater}, {@link Roots#listLater}) asks, in 2026-07-28, every registered question
     * still open in ONE {@code input_required} round, and returns its answer once the client retried with them.
     * Legacy connections ask each question when its {@code get()} needs it. {@code key} may be null (numbered).
     */
    Supplier<ElicitResult> formLater(String key, String message, JsonObject requestedSchema);

    /** Sends the user to {@code url} (out of band: credentials, payment, OAuth); the result carries no content. */
    ElicitResult url(String message, String url, String elicitationId);

    /**
     * Tells the client that the URL-mode interaction {@code elicitationId} finished
     * ({@code notifications/elicitation/complete}, legacy era only; a no-op in 2026-07-28).
     */
    void complete(String elicitationId);
}
