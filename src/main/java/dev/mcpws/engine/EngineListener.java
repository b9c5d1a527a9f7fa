package dev.mcpws.engine;

/**
 * Observes the engine's work (for metrics). Called on the thread that ends a request; implementations must be quick
 * and must not throw.
 */
public interface EngineListener {

    EngineListener NONE = new EngineListener() {
    };

    /**
     * A request ended.
     *
     * @param method   the JSON-RPC method
     * @param target   the tool or prompt name for {@code tools/call} / {@code prompts/get}, else empty
     * @param era      the era it was served in, or null when it was refused before an era was decided
     * @param outcome  {@code ok}, {@code tool_error} (a result with {@code isError: true}), {@code error_<code>}
     *                 (e.g. {@code error_-32602}), {@code cancelled} or {@code timeout}
     * @param nanos    time from arrival to the end
     */
    default void requestEnded(String method, String target, Era era, String outcome, long nanos) {
    }

    /**
     * The object that does the work: itself, also when called through a CDI client proxy (see
     * {@code TransportListener#unproxiedTransportListener}): the engine calls its listener for every request and keeps the instance.
     */
    default EngineListener unproxiedEngineListener() {
        return this;
    }
}
