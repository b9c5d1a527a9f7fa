package dev.mcpws.transport.http;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.McpSession;
import dev.mcpws.protocol.JsonRpcMessage;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * A legacy Streamable HTTP session ({@code Mcp-Session-Id}) as the engine sees it: a connection whose messages of no
 * request (list changes, resource updates) go to a standalone GET stream, if one is open. The output of a request
 * goes through its POST's {@link Exchange}; the session only knows which bodies are open, to keep them alive and to
 * end them with the session.
 */
final class HttpSession implements McpConnection {

    private static final Logger LOG = Logger.getLogger(HttpSession.class.getName());

    private final String id;
    private final String sessionId;
    private final Principal principal;
    private final BiConsumer<HttpSession, Integer> closer;
    private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
    private final List<Exchange> streams = new CopyOnWriteArrayList<>();
    private volatile McpSession session;
    private volatile long lastUsedNanos = System.nanoTime();

    /** @param closer ends the session with a close code (the engine or the drain closes it) */
    HttpSession(String id, String sessionId, Principal principal, BiConsumer<HttpSession, Integer> closer) {
        this.id = id;
        this.sessionId = sessionId;
        this.principal = principal;
        this.closer = closer;
    }

    void session(McpSession session) {
        this.session = session;
    }

    McpSession session() {
        return session;
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transport() {
        return HttpTransport.NAME;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    /** A POST body of this session: kept alive while open, ended with the session. */
    void track(Exchange exchange) {
        touch();
        open.add(exchange);
        exchange.onDone(() -> open.remove(exchange));
    }

    /** A standalone GET stream: where messages of no request go. */
    void addStream(Exchange stream) {
        streams.add(stream);
        stream.onDone(() -> streams.remove(stream));
        track(stream);
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /** True when nothing uses the session: no body open, and idle for {@code nanos}. */
    boolean idleFor(long nanos) {
        return open.isEmpty() && System.nanoTime() - lastUsedNanos > nanos;
    }

    @Override
    public void send(JsonRpcMessage message) {
        for (Exchange s : streams) {
            if (!s.isDone()) {
                s.notifyDetached(message); // a fan-out thread: written by a write thread
                return;
            }
        }
        LOG.fine(() -> "No open stream on " + id + " for a server-initiated message; dropped");
    }

    /** Keep-alive comments on every open SSE body of this session. */
    void keepAlive() {
        open.forEach(Exchange::keepAlive);
    }

    @Override
    public void close(int code, String reason) {
        closer.accept(this, code);
    }

    /** Ends every open body of this session (the session is gone): waiting POSTs get {@code status}. */
    void endAll(int status) {
        for (Exchange e : open) {
            e.close(status);
        }
        open.clear();
        streams.clear();
    }
}
