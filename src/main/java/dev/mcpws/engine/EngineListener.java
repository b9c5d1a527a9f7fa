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
     * The object the engine keeps and calls for every request: this listener, never a CDI client proxy of it. A CDI
     * bean must override this method and return {@code new FanOut(List.of(this))} (see
     * {@code TransportListener#unproxiedTransportListener}: neither the default nor {@code return this} gets past
     * Weld's client proxy).
     */
    default EngineListener unproxiedEngineListener() {
        return this;
    }

    /** The listeners as one: nothing, the one, or a fan-out; nested fan-outs are taken apart (one call per event). */
    static EngineListener of(java.util.List<EngineListener> listeners) {
        java.util.List<EngineListener> flat = listeners.stream()
                .flatMap(l -> l instanceof FanOut f ? f.all().stream() : java.util.stream.Stream.of(l)).toList();
        return flat.isEmpty() ? NONE : flat.size() == 1 ? flat.get(0) : new FanOut(flat);
    }

    /** Sends every event to several listeners. */
    record FanOut(java.util.List<EngineListener> all) implements EngineListener {
        @Override
        public void requestEnded(String method, String target, Era era, String outcome, long nanos) {
            for (EngineListener l : all) {
                l.requestEnded(method, target, era, outcome, nanos);
            }
        }
    }
}
