package dev.mcpws.client;

import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.JsonRpcResult;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The MCP side of one client, wired from small parts: the socket ({@link ReconnectingWebSocket}), the requests
 * ({@link RequestTable}), the era of each session ({@link EraProbe}), the answers to the server's questions
 * ({@link InputResponder}), the notifications ({@link NotificationRouter}, {@link Subscriptions}) and what a new
 * session restores ({@link SessionRestorer}). It turns the socket's events into calls of those parts.
 * {@link McpClient} is its typed face.
 */
final class ClientCore implements ReconnectingWebSocket.Events {

    private static final Logger LOG = Logger.getLogger(McpClient.class.getName());
    private static final AtomicInteger CALLBACK_THREADS = new AtomicInteger();

    private final McpClient.Builder cfg;
    private final McpClientListener listener;
    private final ExecutorService ownCallbacks;
    final ReconnectingWebSocket socket;
    final RequestTable table;
    final EraProbe probe;
    final Subscriptions subscriptions;
    final SessionRestorer restorer;
    private final InputResponder responder;
    private final NotificationRouter router;
    private final CompletableFuture<ServerDescription> firstSession = new CompletableFuture<>();
    private volatile ServerDescription server;

    ClientCore(McpClient.Builder cfg) {
        this.cfg = cfg;
        this.listener = cfg.listener;
        Executor callbacks = cfg.callbackExecutor;
        if (callbacks == null) {
            ownCallbacks = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "mcp-client-callback-" + CALLBACK_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            callbacks = ownCallbacks;
        } else {
            ownCallbacks = null;
        }
        this.socket = new ReconnectingWebSocket(new WebSocketSettings(cfg.uri, cfg.headers, cfg.bearerToken, cfg.tokenInSubprotocol,
                cfg.sslContext, cfg.insecure, cfg.connectTimeout, cfg.reconnect, cfg.heartbeat, cfg.maxMessageBytes,
                cfg.container), this);
        this.probe = new EraProbe(cfg);
        this.table = new RequestTable(socket::send, socket.scheduler(), probe::wire, cfg.requestTimeout);
        this.table.tracePropagation(cfg.tracePropagation);
        this.subscriptions = new Subscriptions(table, this::server, cfg.requestTimeout);
        this.restorer = new SessionRestorer(new ReplayGuard(cfg.replay), table, probe, subscriptions, listener);
        this.responder = new InputResponder(cfg, callbacks, table);
        this.router = new NotificationRouter(listener, callbacks, table, subscriptions, restorer::refreshTools);
    }

    /** Opens the first socket and waits for the first session (see {@link McpClient#connect()}). */
    ServerDescription connect() {
        try {
            socket.start(false);
        } catch (IOException e) {
            close();
            throw new McpClientException("Cannot connect to " + cfg.uri + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new McpClientException("connect() was already called", e);
        }
        try {
            return firstSession.get(cfg.connectTimeout.plus(cfg.requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new McpClientException("No MCP session with " + cfg.uri + " within the timeouts", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new McpClientException("Interrupted while connecting", e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = Futures.unwrap(e);
            throw cause instanceof McpClientException m ? m : new McpClientException(cause.getMessage(), cause);
        }
    }

    ServerDescription server() {
        return server;
    }

    boolean ready() {
        return table.ready();
    }

    /** Ends the client for good: {@link #shutDown}, and the callback threads it made. */
    void close() {
        shutDown(new McpClientException("The MCP client was closed"));
        if (ownCallbacks != null) {
            ownCallbacks.shutdownNow();
        }
    }

    /** Ends the client: every request fails, the socket closes. */
    void shutDown(Throwable cause) {
        if (!table.shutDown(cause)) {
            return;
        }
        firstSession.completeExceptionally(cause == null ? new McpClientException("closed") : cause);
        socket.close();
    }

    // ------------------------------------------------------------------ socket events

    @Override
    public void opened(boolean reconnect) {
        probe.handshake(table).whenComplete((session, error) -> {
            if (error != null) {
                Throwable cause = Futures.unwrap(error);
                if (!(cause instanceof ConnectionLostException)) { // a drop restarts the handshake by itself
                    ClientMessage.SESSION_FAILED.log(LOG, null, cause.getMessage());
                    shutDown(cause);
                }
                return;
            }
            server = session;
            probe.established(session);
            restorer.sessionReady(session, reconnect, table.markReady());
            firstSession.complete(session);
        });
    }

    @Override
    public void message(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse r) {
            response(r);
        } else if (message instanceof JsonRpcNotification n) {
            router.route(n);
        } else if (message instanceof JsonRpcRequest r) {
            responder.serverRequest(r);
        } else if (message instanceof JsonRpcBatch b) {
            b.messages().forEach(this::message);
        } else if (message instanceof InvalidMessage bad) {
            ClientMessage.UNREADABLE_MESSAGE.log(LOG, null, bad.reason());
        }
    }

    private void response(JsonRpcResponse r) {
        PendingRequest<?> p = table.answered(r.id());
        if (p == null) {
            return; // cancelled, timed out, or not ours
        }
        if (r instanceof JsonRpcError e) {
            table.fail(p, new McpErrorException(e.code(), e.message(), e.data()));
            return;
        }
        JsonObject result = ((JsonRpcResult) r).result();
        if ("input_required".equals(Json2.stringOrNull(result, "resultType"))) {
            responder.inputRound(p, result);
        } else {
            table.complete(p, result);
        }
    }

    @Override
    public void dropped(int code, String reason, boolean willRetry) {
        table.connectionLost(restorer::mayReplay, code, reason);
        listener.disconnected(code, reason, willRetry);
    }

    @Override
    public void gaveUp(Throwable cause) {
        shutDown(cause);
        listener.gaveUp(cause);
    }

    @Override
    public void roundTrip(Duration rtt) {
        listener.roundTrip(rtt);
    }
}
