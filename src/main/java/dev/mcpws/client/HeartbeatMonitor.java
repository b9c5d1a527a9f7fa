package dev.mcpws.client;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The heartbeat of {@link ReconnectingWebSocket}: a WebSocket ping every {@link Heartbeat#interval()} on the open
 * socket; a ping without its pong within {@link Heartbeat#timeout()} means the connection is dead (the owner treats
 * it as lost, the dead socket is closed on a thread of its own). Runs on the socket layer's scheduler.
 */
final class HeartbeatMonitor {

    /** What the monitor asks and tells its socket layer. */
    interface Owner {
        /** False once {@code ep} was replaced or closed: its pings stop. */
        boolean isCurrent(McpClientEndpoint ep);

        /** {@code ep} missed its pong. */
        void dead(McpClientEndpoint ep);

        void roundTrip(Duration rtt);
    }

    private static final Logger LOG = Logger.getLogger(ReconnectingWebSocket.class.getName());

    private final Heartbeat heartbeat;
    private final ScheduledExecutorService scheduler;
    private final URI uri;
    private final Owner owner;
    private ScheduledFuture<?> task; // guarded by this
    private volatile Duration lastRoundTrip;

    HeartbeatMonitor(Heartbeat heartbeat, ScheduledExecutorService scheduler, URI uri, Owner owner) {
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
        this.uri = uri;
        this.owner = owner;
    }

    /** Starts pinging {@code ep} (nothing when the heartbeat is off). */
    synchronized void start(McpClientEndpoint ep) {
        stop();
        if (heartbeat.enabled()) {
            long every = heartbeat.interval().toMillis();
            task = scheduler.scheduleAtFixedRate(() -> ping(ep), every, every, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** The round-trip time of the last answered ping, or null. */
    Duration lastRoundTrip() {
        return lastRoundTrip;
    }

    private void ping(McpClientEndpoint ep) {
        if (!owner.isCurrent(ep) || ep.pingSentNanos != 0) {
            return; // replaced, or a ping is still waiting for its deadline check
        }
        long sent = System.nanoTime();
        ep.pingSentNanos = sent;
        scheduler.schedule(() -> checkPong(ep, sent), heartbeat.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ep.session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, sent));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "ping failed", e);
        }
    }

    /** A pong arrived on {@code ep}: when it answers the last ping, the round trip is measured. */
    void pong(McpClientEndpoint ep, ByteBuffer data) {
        long sent = ep.pingSentNanos;
        if (data.remaining() == Long.BYTES && data.getLong(data.position()) == sent && sent != 0) {
            ep.pingSentNanos = 0;
            Duration rtt = Duration.ofNanos(System.nanoTime() - sent);
            lastRoundTrip = rtt;
            owner.roundTrip(rtt);
        }
    }

    private void checkPong(McpClientEndpoint ep, long sent) {
        if (ep.pingSentNanos != sent) {
            return; // answered
        }
        ClientMessage.HEARTBEAT_TIMEOUT.log(LOG, null, uri, heartbeat.timeout().toMillis());
        owner.dead(ep);
        // closing a socket to a dead peer can block: never on this thread
        Thread closer = new Thread(() -> {
            try {
                ep.session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "heartbeat timeout"));
            } catch (IOException | RuntimeException ignored) {
                // it is dead anyway
            }
        }, "mcp-client-closer");
        closer.setDaemon(true);
        closer.start();
    }
}
