package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * What a new session needs so that the application does not notice the reconnect: the log level again (legacy
 * {@code logging/setLevel}; 2026-07-28 carries it in {@code _meta}), the subscriptions again (re-subscribe or a new
 * {@code subscriptions/listen}), the requests that waited sent, the cached tool list refreshed, then
 * {@link McpClientListener#reconnected}. It also decides, with the {@link ReplayGuard}, which requests in flight
 * during a drop are re-sent, and keeps the guard's tool annotations up to date from {@link #listTools}.
 */
final class SessionRestorer {

    private static final Logger LOG = Logger.getLogger(McpClient.class.getName());

    private final ReplayGuard guard;
    private final RequestTable table;
    private final EraProbe probe;
    private final Subscriptions subscriptions;
    private final McpClientListener listener;

    SessionRestorer(ReplayGuard guard, RequestTable table, EraProbe probe, Subscriptions subscriptions,
            McpClientListener listener) {
        this.guard = guard;
        this.table = table;
        this.probe = probe;
        this.subscriptions = subscriptions;
        this.listener = listener;
    }

    /** Whether a request in flight when the connection dropped is sent again on the next session. */
    boolean mayReplay(PendingRequest<?> p) {
        return guard.mayReplay(p.method, p.params);
    }

    /**
     * The handshake of a session succeeded and the table is ready: restores the session's state and sends what
     * waited ({@code waiting}, from {@link RequestTable#markReady}).
     */
    void sessionReady(ServerDescription session, boolean reconnect, List<PendingRequest<?>> waiting) {
        boolean modern = session.era() == ProtocolEra.MODERN;
        String level = probe.logLevel();
        if (!modern && level != null) {
            table.request("logging/setLevel", Json2.object().add("level", level).build());
        }
        subscriptions.restore(modern);
        table.sendAll(waiting);
        if (reconnect) {
            refreshTools();
            listener.reconnected(session);
        }
    }

    /** Every tool, following cursors; the guard learns their annotations. */
    CompletableFuture<List<ToolInfo>> listTools() {
        return table.listAll("tools/list", "tools", ToolInfo::from).thenApply(list -> {
            guard.replaceTools(list);
            return list;
        });
    }

    /** Refreshes the tool list when the application has one (after a reconnect, on {@code tools/list_changed}). */
    void refreshTools() {
        if (guard.knowsTools()) {
            listTools().exceptionally(e -> {
                Throwable cause = Futures.unwrap(e);
                if (!(cause instanceof ConnectionLostException)) { // a drop: the next session refreshes again
                    ClientMessage.TOOLS_REFRESH_FAILED.log(LOG, null, cause);
                }
                return null;
            });
        }
    }
}
