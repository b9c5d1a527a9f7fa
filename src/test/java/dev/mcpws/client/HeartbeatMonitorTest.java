package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings on the open socket; a pong measures the round trip, a missing one reports the socket dead. */
class HeartbeatMonitorTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    private final BlockingQueue<McpClientEndpoint> dead = new LinkedBlockingQueue<>();
    private final BlockingQueue<Duration> roundTrips = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private final HeartbeatMonitor.Owner owner = new HeartbeatMonitor.Owner() {
        @Override
        public boolean isCurrent(McpClientEndpoint ep) {
            return true;
        }

        @Override
        public void dead(McpClientEndpoint ep) {
            dead.add(ep);
        }

        @Override
        public void roundTrip(Duration rtt) {
            roundTrips.add(rtt);
        }
    };

    /** An endpoint whose session records pings and closes. */
    private McpClientEndpoint endpoint() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendPing")) {
                        pings.add((ByteBuffer) args[0]);
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAsyncRemote")) {
                        return remote;
                    }
                    if (method.getName().equals("close") && args != null) {
                        closes.add((CloseReason) args[0]);
                    }
                    return null;
                });
        McpClientEndpoint ep = new McpClientEndpoint(null, 0);
        ep.session = session;
        return ep;
    }

    private HeartbeatMonitor monitor(long intervalMs, long timeoutMs) {
        return new HeartbeatMonitor(new Heartbeat(Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs)),
                scheduler, URI.create("ws://h/mcp"), owner);
    }

    @Test
    void anAnsweredPingMeasuresTheRoundTrip() throws Exception {
        HeartbeatMonitor m = monitor(20, 5_000);
        McpClientEndpoint ep = endpoint();
        m.start(ep);
        ByteBuffer ping = pings.poll(5, TimeUnit.SECONDS);
        assertNotNull(ping, "a ping is sent every interval");
        m.pong(ep, ping.duplicate());
        Duration rtt = roundTrips.poll(5, TimeUnit.SECONDS);
        assertNotNull(rtt);
        assertEquals(rtt, m.lastRoundTrip());
        assertNotNull(pings.poll(5, TimeUnit.SECONDS), "answered: the next ping goes out");
        m.stop();
        assertTrue(dead.isEmpty());
    }

    @Test
    void aPingWithoutItsPongReportsTheSocketDeadAndClosesIt() throws Exception {
        HeartbeatMonitor m = monitor(20, 100);
        McpClientEndpoint ep = endpoint();
        m.start(ep);
        assertNotNull(pings.poll(5, TimeUnit.SECONDS));
        m.pong(ep, ByteBuffer.allocate(Long.BYTES).putLong(0, 42)); // not our ping's payload: ignored
        assertSame(ep, dead.poll(5, TimeUnit.SECONDS), "no pong within the timeout");
        CloseReason close = closes.poll(5, TimeUnit.SECONDS);
        assertNotNull(close);
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, close.getCloseCode());
        assertTrue(roundTrips.isEmpty());
        m.stop();
    }
}
