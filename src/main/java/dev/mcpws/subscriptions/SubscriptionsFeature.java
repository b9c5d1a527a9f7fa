package dev.mcpws.subscriptions;

import dev.mcpws.engine.McpException;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.MetaKeys;
import dev.mcpws.engine.Era;
import dev.mcpws.engine.MethodSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import dev.mcpws.features.Guard;
import dev.mcpws.features.Guarded;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource subscriptions and change notifications outside a request.
 * <ul>
 *   <li>Legacy era: {@code resources/subscribe} / {@code resources/unsubscribe} keep a set of URIs per connection;
 *       {@link #resourceUpdated} sends {@code notifications/resources/updated {uri}} to the connections subscribed to
 *       it. (List changes go to every initialized legacy connection through the engine.)</li>
 *   <li>2026-07-28: {@code subscriptions/listen} is a long-lived request. It is acknowledged with
 *       {@code notifications/subscriptions/acknowledged}, then receives only the kinds and URIs it asked for, each
 *       notification tagged with {@code _meta["io.modelcontextprotocol/subscriptionId"]} = its request id. It ends
 *       with {@code notifications/cancelled} (no response), the connection closing (no response), or
 *       {@link #endAll} at shutdown (a result carrying the subscription id). While idle it holds no thread.</li>
 * </ul>
 * Must come after the tools and resources features in the engine's feature list: it extends their capabilities.
 */
public final class SubscriptionsFeature implements ServerFeature {

    private static final Object URIS_KEY = SubscriptionsFeature.class.getName() + ".uris";
    private static final Object LISTENS_KEY = SubscriptionsFeature.class.getName() + ".listens";

    private final int maxListens;
    private final int maxUris;
    /** The definition a URI resolves to (its scopes), or null; and what a caller without them sees. */
    private final Function<String, Guarded> protectedBy;
    private final Guard guard;
    /** Connections with subscriptions or listens (they leave when they close). */
    private final Set<McpSession> sessions = ConcurrentHashMap.newKeySet();

    /** @param maxListens listens one connection may have open at once; more get -32001 */
    public SubscriptionsFeature(int maxListens) {
        this(maxListens, DEFAULT_MAX_URIS);
    }

    /** Resource URIs one connection may subscribe to (legacy set, or one listen's list) unless configured. */
    public static final int DEFAULT_MAX_URIS = 1000;

    /**
     * @param maxListens listens one connection may have open at once; more get -32001
     * @param maxUris    URIs a connection's legacy subscriptions, or one listen, may name: client-chosen keys that
     *                   live as long as the connection, so they are bounded; more get -32001
     */
    public SubscriptionsFeature(int maxListens, int maxUris) {
        this(maxListens, maxUris, uri -> null, Guard.HIDE);
    }

    /**
     * @param protectedBy the resource or template a URI resolves to, or null: a caller without its scopes is never told
     *                    that it changed; {@code guard} {@link Guard#CHALLENGE} also refuses its subscription (-32007),
     *                    {@link Guard#HIDE} accepts it like one for a URI that does not exist (and sends nothing)
     */
    public SubscriptionsFeature(int maxListens, int maxUris, Function<String, Guarded> protectedBy, Guard guard) {
        if (maxListens < 0 || maxUris < 0) {
            throw new IllegalArgumentException("maxListens and maxUris must be >= 0");
        }
        this.maxListens = maxListens;
        this.maxUris = maxUris;
        this.protectedBy = Objects.requireNonNull(protectedBy);
        this.guard = Objects.requireNonNull(guard);
    }

    /** Refuses (challenge) a subscription the caller may not have; hide accepts it like one for an unknown URI. */
    private void checkMay(RequestContext ctx, String uri) {
        if (guard == Guard.CHALLENGE) {
            Guarded definition = protectedBy.apply(uri);
            if (definition != null) {
                guard.check(definition, ctx, () -> McpException.invalidParams("Resource not found: " + uri));
            }
        }
    }

    /** False when the connection's caller lacks the scopes of what {@code uri} resolves to now. */
    private static boolean mayHear(Guarded definition, java.security.Principal principal) {
        return definition == null || definition.access().allows(principal);
    }

    private McpException tooManyUris() {
        return new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many resource subscriptions on this connection (limit "
                + maxUris + "); unsubscribe some first");
    }

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("resources/subscribe", this::subscribe).only(Era.LEGACY).target(MethodSpec.Target.URI),
                MethodSpec.of("resources/unsubscribe", this::unsubscribe).only(Era.LEGACY).target(MethodSpec.Target.URI),
                MethodSpec.of("subscriptions/listen", this::listen).only(Era.MODERN).asLongLived());
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // extends what the tools and resources features advertised (a builder cannot be read, so rebuild it)
        JsonObject sofar = capabilities.build();
        capabilities.addAll(Json2.object(sofar));
        boolean modern = ProtocolVersion.isModern(protocolVersion);
        if (sofar.get("resources") instanceof JsonObject r) {
            capabilities.add("resources", Json2.object(r).add("subscribe", true).add("listChanged", true));
        }
        if (modern && sofar.get("tools") instanceof JsonObject t) {
            capabilities.add("tools", Json2.object(t).add("listChanged", true));
        }
    }

    // ------------------------------------------------------------------ legacy

    private CompletionStage<JsonObject> subscribe(RequestContext ctx) {
        String uri = uri(ctx);
        checkMay(ctx, uri);
        track(ctx.session());
        Set<String> uris = uris(ctx.session());
        synchronized (uris) {
            if (!uris.contains(uri) && uris.size() >= maxUris) {
                throw tooManyUris();
            }
            uris.add(uri);
        }
        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
    }

    private CompletionStage<JsonObject> unsubscribe(RequestContext ctx) {
        uris(ctx.session()).remove(uri(ctx));
        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
    }

    private static String uri(RequestContext ctx) {
        String uri = Json2.stringOrNull(ctx.params(), "uri");
        if (uri == null || uri.isEmpty()) {
            throw McpException.invalidParams(ctx.method() + " needs params.uri (a string)");
        }
        return uri;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> uris(McpSession session) {
        return (Set<String>) session.attributes().computeIfAbsent(URIS_KEY, k -> ConcurrentHashMap.newKeySet());
    }

    // ------------------------------------------------------------------ 2026-07-28

    private CompletionStage<JsonObject> listen(RequestContext ctx) {
        if (!(ctx.params().get("notifications") instanceof JsonObject filter)) {
            throw McpException.invalidParams("subscriptions/listen needs params.notifications (an object)");
        }
        Set<String> resourceUris = null;
        JsonValue rs = filter.get("resourceSubscriptions");
        if (rs != null && rs.getValueType() != JsonValue.ValueType.NULL) {
            if (!(rs instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
                throw McpException.invalidParams("notifications.resourceSubscriptions must be an array of URI strings");
            }
            resourceUris = new LinkedHashSet<>();
            if (array.size() > maxUris) {
                throw tooManyUris();
            }
            for (JsonValue v : array) {
                String uri = ((JsonString) v).getString();
                checkMay(ctx, uri);
                resourceUris.add(uri);
            }
        }
        Listen listen = new Listen(ctx, filter.getBoolean("toolsListChanged", false),
                filter.getBoolean("resourcesListChanged", false),
                resourceUris == null ? null : Collections.unmodifiableSet(resourceUris));
        Map<RequestId, Listen> open = listens(ctx.session());
        synchronized (open) {
            open.values().removeIf(l -> !l.ctx.isActive());
            if (open.size() >= maxListens) {
                throw new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many subscriptions/listen open on this "
                        + "connection (limit " + maxListens + "); cancel one first");
            }
            // registered and acknowledged under the listen's lock: no notification can overtake the acknowledgement
            synchronized (listen) {
                open.put(ctx.id(), listen);
                track(ctx.session());
                listen.acknowledge();
            }
        }
        return listen.end;
    }

    @SuppressWarnings("unchecked")
    private static Map<RequestId, Listen> listens(McpSession session) {
        return (Map<RequestId, Listen>) session.attributes().computeIfAbsent(LISTENS_KEY, k -> new ConcurrentHashMap<>());
    }

    // ------------------------------------------------------------------ events

    /** {@code notifications/tools/list_changed} to the listens that asked for it. */
    public void toolsListChanged() {
        forEachListen(l -> l.tools, "notifications/tools/list_changed", null);
    }

    /** {@code notifications/resources/list_changed} to the listens that asked for it. */
    public void resourcesListChanged() {
        forEachListen(l -> l.resources, "notifications/resources/list_changed", null);
    }

    /** {@code notifications/resources/updated {uri}} to legacy subscribers and to listens naming the URI. */
    public void resourceUpdated(String uri) {
        JsonRpcNotification legacy = new JsonRpcNotification("notifications/resources/updated",
                Json2.object().add("uri", uri).build());
        // resolved once: whoever lacks its scopes is never told (the URI may name something hidden from them)
        Guarded definition = protectedBy.apply(uri);
        for (McpSession s : sessions) {
            Object subscribed = s.attributes().get(URIS_KEY);
            if (subscribed instanceof Set<?> set && set.contains(uri) && mayHear(definition, s.connection().principal())) {
                s.send(legacy);
            }
        }
        forEachListen(l -> l.uris != null && l.uris.contains(uri) && mayHear(definition, l.ctx.principal()),
                "notifications/resources/updated", uri);
    }

    /** Ends every open listen gracefully with its result (server shutdown). */
    public void endAll() {
        for (McpSession s : sessions) {
            Map<RequestId, Listen> open = listens(s);
            for (Listen l : open.values()) {
                l.end();
            }
            open.clear();
        }
    }

    /** Listens open now, on all connections (tests, diagnostics). */
    public int openListens() {
        int n = 0;
        for (McpSession s : sessions) {
            for (Listen l : listens(s).values()) {
                if (l.ctx.isActive()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void forEachListen(java.util.function.Predicate<Listen> wants, String method, String uri) {
        for (McpSession s : sessions) {
            Object attr = s.attributes().get(LISTENS_KEY);
            if (!(attr instanceof Map<?, ?> open)) {
                continue;
            }
            for (Object o : open.values()) {
                Listen l = (Listen) o;
                if (!l.ctx.isActive()) {
                    open.remove(l.ctx.id(), l); // cancelled or ended: forget it
                } else if (wants.test(l)) {
                    l.send(method, uri);
                }
            }
        }
    }

    private void track(McpSession session) {
        if (sessions.add(session)) {
            session.onClose(() -> sessions.remove(session));
        }
    }

    /** One open {@code subscriptions/listen}. */
    private static final class Listen {
        final RequestContext ctx;
        final boolean tools;
        final boolean resources;
        final Set<String> uris;
        final CompletableFuture<JsonObject> end = new CompletableFuture<>();
        private final JsonValue id;

        Listen(RequestContext ctx, boolean tools, boolean resources, Set<String> uris) {
            this.ctx = ctx;
            this.tools = tools;
            this.resources = resources;
            this.uris = uris;
            Object v = ctx.id().value();
            this.id = v instanceof String s ? Json2.string(s) : Json2.number((Long) v);
        }

        private JsonObject meta() {
            return Json2.object().add(MetaKeys.SUBSCRIPTION_ID, id).build();
        }

        /** {@code notifications/subscriptions/acknowledged} with what will be honoured (prompts never change). */
        synchronized void acknowledge() {
            JsonObjectBuilder honoured = Json2.object();
            if (tools) {
                honoured.add("toolsListChanged", true);
            }
            if (resources) {
                honoured.add("resourcesListChanged", true);
            }
            if (uris != null) {
                JsonArrayBuilder a = Json2.array();
                uris.forEach(a::add);
                honoured.add("resourceSubscriptions", a);
            }
            // related to the listen request: on Streamable HTTP they go on the listen's own response stream
            ctx.sendNotification("notifications/subscriptions/acknowledged",
                    Json2.object().add("notifications", honoured).add("_meta", meta()).build());
        }

        synchronized void send(String method, String uri) {
            if (!ctx.isActive()) {
                return;
            }
            JsonObjectBuilder params = Json2.object();
            if (uri != null) {
                params.add("uri", uri);
            }
            ctx.sendNotification(method, params.add("_meta", meta()).build());
        }

        void end() {
            end.complete(Json2.object().add("_meta", meta()).build());
        }
    }
}
