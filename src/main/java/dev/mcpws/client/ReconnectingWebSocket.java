package dev.mcpws.client;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WebSocket to an MCP server that comes back: the transport layer under {@link McpClient} and the stdio bridge.
 * It opens the socket ({@link McpClientEndpoint}, handshake headers and a fresh bearer token on every attempt), pings
 * it ({@link Heartbeat}), and after an abnormal close or a missed pong reconnects with the {@link ReconnectPolicy}'s
 * backoff. It knows nothing of MCP: it reports {@link Events} and sends messages while a socket is open.
 *
 * <p>It does not retry after {@link #close()}, after 1003 (the server cannot take our data), or after 1008 (policy)
 * unless the token supplier yields a token different from the one the refused connection used. Every state change
 * runs on one scheduler thread; messages are reported on the container's threads.
 */
public final class ReconnectingWebSocket implements AutoCloseable {

    /** What the socket reports. Callbacks must not block. */
    public interface Events {
        /** A socket is open; {@code reconnect} is false for the first one. */
        default void opened(boolean reconnect) {
        }

        void message(JsonRpcMessage message);

        /** The open socket is gone ({@code code} 1006 when it died without a close frame, e.g. a missed pong). */
        default void dropped(int code, String reason, boolean willRetry) {
        }

        /** No further attempts will be made (policy exhausted, or a close that means "do not retry"). */
        default void gaveUp(Throwable cause) {
        }

        default void roundTrip(Duration rtt) {
        }
    }

    private enum State { NEW, OPEN, RECONNECTING, CLOSED }

    private static final Logger LOG = Logger.getLogger(ReconnectingWebSocket.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WebSocketSettings settings;
    private final Events events;
    private final ScheduledExecutorService scheduler;
    private final WebSocketContainer container;
    private final HeartbeatMonitor heartbeat;
    private final boolean tyrus;
    private final Object lock = new Object();

    // guarded by lock
    private State state = State.NEW;
    private McpClientEndpoint current;
    private int attempts;
    private long outageStartNanos;
    private String lastToken;

    public ReconnectingWebSocket(WebSocketSettings settings, Events events) {
        this.settings = settings;
        this.events = events;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-client-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.heartbeat = new HeartbeatMonitor(settings.heartbeat(), scheduler, settings.uri(), new Beats());
        this.container = settings.container() != null ? settings.container() : ContainerProvider.getWebSocketContainer();
        this.tyrus = TyrusSupport.isTyrus(container);
        if (tyrus) {
            TyrusSupport.configure(container, settings);
        }
    }

    /** The scheduler thread of this socket: clients may schedule their own short, non-blocking work on it. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Opens the first socket on the calling thread. With {@code retry} false one failed attempt throws; with
     * {@code retry} true failed attempts are retried in the background by the policy and this returns at once.
     */
    public void start(boolean retry) throws IOException {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("already started");
            }
            state = State.RECONNECTING;
            outageStartNanos = System.nanoTime();
        }
        try {
            open(false);
        } catch (IOException e) {
            if (!retry) {
                synchronized (lock) {
                    state = State.CLOSED;
                }
                shutdown();
                throw e;
            }
            ClientMessage.CONNECT_FAILED_RETRYING.log(LOG, null, settings.uri(), e.getMessage());
            synchronized (lock) {
                attempts = 1;
            }
            scheduleAttempt();
        }
    }

    /** Sends one message if a socket is open. False when none is (the message was not sent). */
    public boolean send(JsonRpcMessage message) {
        McpClientEndpoint ep;
        synchronized (lock) {
            ep = state == State.OPEN ? current : null;
        }
        if (ep == null) {
            return false;
        }
        String text = JsonRpcCodec.encode(message);
        try {
            synchronized (ep) { // one writer at a time per socket
                ep.session.getBasicRemote().sendText(text);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "send failed", e);
            return false;
        }
    }

    public boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    /** The round-trip time of the last answered ping, or null. */
    public Duration lastRoundTrip() {
        return heartbeat.lastRoundTrip();
    }

    /** Closes the socket with 1000 and stops reconnecting. */
    @Override
    public void close() {
        McpClientEndpoint ep;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            ep = current;
            current = null;
            heartbeat.stop();
        }
        if (ep != null && ep.session != null) {
            try {
                ep.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "client closed"));
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
        shutdown();
    }

    // ------------------------------------------------------------------ connecting

    private void open(boolean reconnect) throws IOException {
        String token = settings.bearerToken() == null ? null : settings.bearerToken().get();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        settings.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        if (token != null && !token.isEmpty()) {
            if (settings.tokenInSubprotocol()) {
                headers.put("Sec-WebSocket-Protocol", List.of("mcp, mcp.auth." + java.util.Base64.getUrlEncoder()
                        .withoutPadding().encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            } else {
                headers.put("Authorization", List.of("Bearer " + token));
            }
        }
        McpClientEndpoint ep = new McpClientEndpoint(this, settings.maxMessageBytes());
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            lastToken = token;
            current = ep;
        }
        McpClientEndpoint.Handshake.NEXT.set(headers);
        try {
            container.connectToServer(ep, settings.uri());
        } catch (Exception e) {
            synchronized (lock) {
                if (current == ep) {
                    current = null;
                }
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IOException(root == e ? e.getMessage() : e.getMessage() + " " + root.getMessage(), e);
        } finally {
            McpClientEndpoint.Handshake.NEXT.remove();
        }
        synchronized (lock) {
            if (current != ep || state == State.CLOSED || ep.session == null || !ep.session.isOpen()) {
                return; // closed while connecting: closed() has taken over
            }
            state = State.OPEN;
            attempts = 0;
            heartbeat.start(ep);
        }
        ClientMessage.CONNECTED.log(LOG, null, settings.uri());
        events.opened(reconnect);
    }

    private void scheduleAttempt() {
        long delay;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            Duration outage = Duration.ofNanos(System.nanoTime() - outageStartNanos);
            if (settings.reconnect().exhausted(attempts, outage)) {
                state = State.CLOSED;
                giveUp(new IOException("gave up reconnecting to " + settings.uri() + " after " + attempts
                        + " attempts in " + outage.toMillis() + " ms"));
                return;
            }
            delay = settings.reconnect().delayMillis(attempts, ThreadLocalRandom.current());
        }
        scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        synchronized (lock) {
            if (state != State.RECONNECTING) {
                return;
            }
            attempts++;
        }
        try {
            open(true);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "reconnect attempt failed", e);
            scheduleAttempt();
        }
    }

    private void giveUp(Throwable cause) {
        ClientMessage.GAVE_UP.log(LOG, null, cause.getMessage());
        scheduler.execute(() -> {
            events.gaveUp(cause);
            shutdown();
        });
    }

    private void shutdown() {
        scheduler.shutdown();
        if (tyrus && settings.container() == null) {
            TyrusSupport.shutdown(container);
        }
    }

    // ------------------------------------------------------------------ events of the endpoints

    void received(McpClientEndpoint ep, JsonRpcMessage message) {
        if (ep == current) {
            events.message(message);
        }
    }

    void closed(McpClientEndpoint ep, int code, String reason) {
        lost(ep, code, reason);
    }

    void failed(McpClientEndpoint ep, Throwable error) {
        LOG.log(Level.FINE, "socket error", error);
    }

    /** The socket {@code ep} is gone: decide whether to come back. */
    private void lost(McpClientEndpoint ep, int code, String reason) {
        boolean retry;
        synchronized (lock) {
            if (ep != current || state == State.CLOSED) {
                return;
            }
            boolean wasOpen = state == State.OPEN;
            current = null;
            heartbeat.stop();
            retry = !settings.reconnect().disabled() && mayRetry(code);
            state = retry ? State.RECONNECTING : State.CLOSED;
            if (wasOpen) {
                outageStartNanos = System.nanoTime();
                attempts = 0;
            }
        }
        ClientMessage.CONNECTION_LOST.log(LOG, null, settings.uri(), code, reason, retry ? "; reconnecting" : "");
        events.dropped(code, reason, retry);
        if (retry) {
            scheduleAttempt();
        } else {
            giveUp(new IOException("connection closed with " + code + " " + reason + "; not retrying"));
        }
    }

    private boolean mayRetry(int code) {
        if (code == CloseReason.CloseCodes.CANNOT_ACCEPT.getCode()) {
            return false;
        }
        if (code == CloseReason.CloseCodes.VIOLATED_POLICY.getCode()) {
            String fresh = settings.bearerToken() == null ? null : settings.bearerToken().get();
            return fresh != null && !fresh.equals(lastToken);
        }
        return true;
    }

    void pong(McpClientEndpoint ep, ByteBuffer data) {
        heartbeat.pong(ep, data);
    }

    /** What the heartbeat asks and tells this socket layer. */
    private final class Beats implements HeartbeatMonitor.Owner {
        @Override
        public boolean isCurrent(McpClientEndpoint ep) {
            return ep == current;
        }

        @Override
        public void dead(McpClientEndpoint ep) {
            lost(ep, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "heartbeat timeout");
        }

        @Override
        public void roundTrip(Duration rtt) {
            events.roundTrip(rtt);
        }
    }
}
