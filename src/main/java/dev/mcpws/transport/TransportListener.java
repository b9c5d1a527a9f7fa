package dev.mcpws.transport;

/**
 * Observes the transports (for metrics). {@code transport} is {@code websocket} or {@code http}. Implementations must
 * be quick, thread-safe and never throw.
 */
public interface TransportListener {

    /** A connection opened (a WebSocket, or a legacy Streamable HTTP session). */
    default void opened(String transport) {
    }

    /** A connection closed; HTTP sessions report 1000 when ended by the client, 1001 at shutdown, 4408 when idle. */
    default void closed(String transport, int closeCode) {
    }

    /**
     * The same close, with how long the connection lived and the MCP version of its legacy handshake (null when it
     * had none: 2026-07-28 clients are stateless), e.g. for {@code mcp.server.session.duration}.
     */
    default void sessionEnded(String transport, String protocolVersion, int closeCode, long nanos) {
    }

    /** A connection or request was refused: {@code capacity}, {@code draining}, {@code origin} or {@code unauthorized}. */
    default void rejected(String reason) {
    }

    /** A JSON-RPC message (or batch) of {@code bytes} UTF-8 bytes arrived. */
    default void received(String transport, int bytes) {
    }

    /** A JSON-RPC message (or batch) of {@code bytes} UTF-8 bytes was written. */
    default void sent(String transport, int bytes) {
    }

    /** A pong answered one of our pings after {@code rttNanos}. */
    default void pong(long rttNanos) {
    }

    /** A ping went unanswered for a whole interval. */
    default void missedPong() {
    }

    /**
     * The object the transports keep and call for every message: this listener, never a CDI client proxy of it (an
     * {@code @ApplicationScoped} listener lives as long as the application; its proxy would look its instance up on
     * every call). <b>A CDI bean must override this method and return {@code new FanOut(List.of(this))}</b>: Weld's
     * client proxy runs an inherited default method on the proxy itself, and when a forwarded method returns the
     * instance it hands back the proxy instead (to keep the instance from escaping), so neither the default nor
     * {@code return this} gets past the proxy (seen on Open Liberty 26.0.0.3; checked in {@code ListenerBeansTest}).
     * {@link #of} takes such a fan-out of one apart again.
     */
    default TransportListener unproxiedTransportListener() {
        return this;
    }

    /** The listeners as one: nothing, the one, or a fan-out; nested fan-outs are taken apart (one call per event). */
    static TransportListener of(java.util.List<TransportListener> listeners) {
        java.util.List<TransportListener> flat = listeners.stream()
                .flatMap(l -> l instanceof FanOut f ? f.all().stream() : java.util.stream.Stream.of(l)).toList();
        return flat.isEmpty() ? new TransportListener() { } : flat.size() == 1 ? flat.get(0) : new FanOut(flat);
    }

    /** Sends every event to several listeners. */
    record FanOut(java.util.List<TransportListener> all) implements TransportListener {
        @Override
        public void opened(String transport) {
            all.forEach(l -> l.opened(transport));
        }

        @Override
        public void closed(String transport, int closeCode) {
            all.forEach(l -> l.closed(transport, closeCode));
        }

        @Override
        public void sessionEnded(String transport, String protocolVersion, int closeCode, long nanos) {
            all.forEach(l -> l.sessionEnded(transport, protocolVersion, closeCode, nanos));
        }

        @Override
        public void rejected(String reason) {
            all.forEach(l -> l.rejected(reason));
        }

        @Override
        public void received(String transport, int bytes) {
            all.forEach(l -> l.received(transport, bytes));
        }

        @Override
        public void sent(String transport, int bytes) {
            all.forEach(l -> l.sent(transport, bytes));
        }

        @Override
        public void pong(long rttNanos) {
            all.forEach(l -> l.pong(rttNanos));
        }

        @Override
        public void missedPong() {
            all.forEach(TransportListener::missedPong);
        }
    }
}
