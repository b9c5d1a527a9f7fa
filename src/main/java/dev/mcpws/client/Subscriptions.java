package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The resources the application subscribed to, and how the server is told: legacy {@code resources/subscribe} /
 * {@code unsubscribe}; 2026-07-28 one {@code subscriptions/listen} (list changes and the subscribed URIs) that is
 * replaced whenever the set changes. {@link #restore} tells a new session again.
 */
final class Subscriptions {

    private static final Logger LOG = Logger.getLogger(McpClient.class.getName());

    private final Map<String, Consumer<String>> byUri = new ConcurrentHashMap<>();
    private final RequestTable table;
    private final Supplier<ServerDescription> server;
    private final Duration ackTimeout;
    private volatile PendingRequest<JsonObject> listen;

    Subscriptions(RequestTable table, Supplier<ServerDescription> server, Duration ackTimeout) {
        this.table = table;
        this.server = server;
        this.ackTimeout = ackTimeout;
    }

    /** Who gets {@code notifications/resources/updated} for {@code uri}; null when nobody. */
    Consumer<String> onUpdated(String uri) {
        return uri == null ? null : byUri.get(uri);
    }

    /** Completes when the server took the subscription (result, or the new listen's acknowledgement). */
    CompletableFuture<?> subscribe(String uri, Consumer<String> onUpdated) {
        byUri.put(uri, onUpdated);
        return modernSession() ? acknowledged(openListen())
                : table.request("resources/subscribe", Json2.object().add("uri", uri).build());
    }

    CompletableFuture<?> unsubscribe(String uri) {
        if (byUri.remove(uri) == null) {
            return CompletableFuture.completedFuture(null);
        }
        return modernSession() ? acknowledged(openListen())
                : table.request("resources/unsubscribe", Json2.object().add("uri", uri).build());
    }

    /** After a handshake: legacy re-subscribes each URI; 2026-07-28 opens a fresh listen. */
    void restore(boolean modern) {
        if (modern) {
            openListen();
            return;
        }
        for (String uri : byUri.keySet()) {
            table.request("resources/subscribe", Json2.object().add("uri", uri).build()).exceptionally(e -> {
                ClientMessage.RESUBSCRIBE_FAILED.log(LOG, null, uri, Futures.unwrap(e));
                return null;
            });
        }
    }

    /** Replaces the listen with one for the current subscriptions; completes when the server acknowledges. */
    CompletableFuture<Void> openListen() {
        ServerDescription s = server.get();
        JsonObjectBuilder filter = Json2.object();
        if (s != null && s.has("tools")) {
            filter.add("toolsListChanged", true);
        }
        if (s != null && s.has("prompts")) {
            filter.add("promptsListChanged", true);
        }
        if (s != null && s.has("resources")) {
            filter.add("resourcesListChanged", true);
            JsonArrayBuilder uris = Json2.array();
            byUri.keySet().forEach(uris::add);
            filter.add("resourceSubscriptions", uris);
        }
        PendingRequest<JsonObject> next = PendingRequest.listen(Json2.object().add("notifications", filter).build());
        PendingRequest<JsonObject> previous = listen;
        listen = next;
        table.start(next, null);
        if (previous != null) {
            previous.future.cancel(false);
        }
        return next.acknowledged;
    }

    private boolean modernSession() {
        ServerDescription s = server.get();
        return s != null && s.era() == ProtocolEra.MODERN;
    }

    /** A listen's acknowledgement, bounded by the request timeout (the listen itself has none). */
    private CompletableFuture<Void> acknowledged(CompletableFuture<Void> ack) {
        return ackTimeout.isZero() ? ack : ack.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    if (Futures.unwrap(e) instanceof TimeoutException) {
                        throw new RequestTimeoutException("subscriptions/listen was not acknowledged within "
                                + ackTimeout.toMillis() + " ms");
                    }
                    throw e instanceof RuntimeException r ? r : new McpClientException(e.getMessage(), e);
                });
    }
}
