package dev.mcpws.transport.websocket;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.security.Principal;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket as the engine sees it. Sends go through a per-socket queue with at most one asynchronous send in
 * progress, so any thread may send, frames never interleave, and a slow peer only delays its own queue.
 */
final class WebSocketConnection implements McpConnection {

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final Session ws;
    private final String id;
    private final Queue<JsonRpcMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketConnection(Session ws) {
        this.ws = ws;
        this.id = "ws-" + IDS.incrementAndGet();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Principal principal() {
        return ws.getUserPrincipal();
    }

    @Override
    public void send(JsonRpcMessage message) {
        if (closed.get()) {
            return;
        }
        queue.add(message);
        drain();
    }

    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            JsonRpcMessage next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            try {
                ws.getAsyncRemote().sendObject(next, this::sent);
                return;
            } catch (RuntimeException e) {
                sending.set(false);
                failed(e);
                return;
            }
        }
    }

    private void sent(SendResult result) {
        sending.set(false);
        if (!result.isOK()) {
            failed(result.getException());
            return;
        }
        drain();
    }

    private void failed(Throwable t) {
        if (!closed.get()) {
            LOG.log(Level.FINE, t, () -> "MCPWS0401W: send failed on " + id + "; closing it");
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "send failed");
        }
    }

    /** Marks the connection closed for senders (the socket closed or is closing). */
    void markClosed() {
        closed.set(true);
        queue.clear();
    }

    @Override
    public void close(int code, String reason) {
        markClosed();
        try {
            if (ws.isOpen()) {
                ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, e, () -> "MCPWS0402W: close of " + id + " failed");
        }
    }
}
