package dev.mcpws.transport.websocket;

/** Observes the WebSocket transport (for metrics). Implementations must be quick, thread-safe and never throw. */
public interface TransportListener {

    default void opened() {
    }

    default void closed(int closeCode) {
    }

    /** An upgrade was refused: {@code capacity}, {@code draining} or {@code origin}. */
    default void rejected(String reason) {
    }

    default void received(int bytes) {
    }

    default void sent(int bytes) {
    }

    /** A pong answered one of our pings after {@code rttNanos}. */
    default void pong(long rttNanos) {
    }

    /** A ping went unanswered for a whole interval. */
    default void missedPong() {
    }
}
