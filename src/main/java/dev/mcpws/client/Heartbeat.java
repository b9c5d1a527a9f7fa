package dev.mcpws.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The client's keepalive: a WebSocket ping every {@code interval}; when no pong arrives within {@code timeout} the
 * connection is treated as dead and the reconnect starts. {@link #OFF} sends no pings.
 */
public record Heartbeat(Duration interval, Duration timeout) {

    /** A ping every 20 s (below the 60 s idle timeout of common load balancers), 10 s to answer. */
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(20), Duration.ofSeconds(10));
    public static final Heartbeat OFF = new Heartbeat(Duration.ZERO, Duration.ZERO);

    public Heartbeat {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || timeout.isNegative() || (!interval.isZero() && timeout.isZero())) {
            throw new IllegalArgumentException("a heartbeat needs a positive interval and timeout");
        }
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
