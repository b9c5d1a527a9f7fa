package dev.mcpws.engine;

/**
 * Settings of input from the client (elicitation, sampling, roots).
 *
 * @param clientRequestTimeoutMs how long a legacy-era server-to-client request waits for its answer
 * @param states                 issues and verifies 2026-07-28 {@code requestState}s
 */
public record InputSettings(long clientRequestTimeoutMs, RequestStates states) {

    public InputSettings {
        if (clientRequestTimeoutMs < 1) {
            throw new IllegalArgumentException("the client request timeout must be >= 1 ms");
        }
    }

    /** 2 minutes to answer, 10-minute states signed with a random per-process key. */
    public static InputSettings defaults() {
        return new InputSettings(120_000, new RequestStates(RequestStates.randomKey(), 600_000));
    }
}
