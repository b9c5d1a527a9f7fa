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
import dev.mcpws.engine.TaskEvents;
import dev.mcpws.tasks.TaskRecord;
import dev.mcpws.tasks.TaskStore;
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
 *   <li>With the tasks extension ({@link #watchTasks}): a listen's {@code notifications.taskIds} (the request must
 *       declare the extension, else -32021) agrees to the tasks its caller may read; the acknowledgement lists them,
 *       each one's current state follows at once, then every change of status as {@code notifications/tasks} (a
 *       {@code DetailedTask}, what {@code tasks/get} would answer). Unknown and other callers' ids are left out of
 *       the acknowledgement, like ids that do not exist.</li>
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
    /** The listens naming each task id (pruned of ended listens as it is read, and every half task lease). */
    private final Map<String, Set<Listen>> byTask = new ConcurrentHashMap<>();
    /** The tasks extension, once {@link #watchTasks} connected it; null: {@code taskIds} are not honoured. */
    private volatile TaskEvents taskEvents;

    /**
     * Honours {@code notifications.taskIds} from now on: {@code events} tells this feature each change of status, and
     * the tasks listened to are watched for a lost lease (a task whose node died is settled failed and reported).
     */
    public void watchTasks(TaskEvents events) {
        this.taskEvents = Objects.requireNonNull(events, "events");
        events.onChange(this::taskChanged);
        events.watchLeases(this::listenedTaskIds);
    }

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
        TaskEvents tasks = taskEvents;
        Set<String> taskIds = tasks == null ? null : taskIds(ctx, filter, tasks);
        Listen listen = new Listen(ctx, filter.getBoolean("toolsListChanged", false),
                filter.getBoolean("resourcesListChanged", false),
                resourceUris == null ? null : Collections.unmodifiableSet(resourceUris),
                taskIds == null ? null : tasks.callerOf(ctx));
        Map<RequestId, Listen> open = listens(ctx.session());
        synchronized (open) {
            open.values().removeIf(l -> !l.ctx.isActive());
            if (open.size() >= maxListens) {
                throw new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many subscriptions/listen open on this "
                        + "connection (limit " + maxListens + "); cancel one first");
            }
            open.put(ctx.id(), listen);
        }
        track(ctx.session());
        // registered, read and acknowledged under the listen's lock: no notification can overtake the acknowledgement,
        // and a task that changes while its state is read is reported after it (newer states only: see Listen.task)
        synchronized (listen) {
            try {
                List<TaskRecord> current = taskIds == null ? List.of() : agree(listen, taskIds, tasks);
                listen.acknowledge();
                current.forEach(listen::task);
            } catch (RuntimeException e) {
                open.remove(ctx.id(), listen);
                if (taskIds != null) {
                    taskIds.forEach(id -> unindex(id, listen));
                }
                throw e;
            }
        }
        return listen.end;
    }

    /** The task ids a listen asks for (null: none asked), checked: strings, bounded, the extension declared. */
    private Set<String> taskIds(RequestContext ctx, JsonObject filter, TaskEvents tasks) {
        JsonValue v = filter.get("taskIds");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw McpException.invalidParams("notifications.taskIds must be an array of task id strings");
        }
        if (!tasks.declared(ctx)) {
            throw tasks.missingExtension("subscriptions/listen with notifications.taskIds");
        }
        if (array.size() > maxUris) {
            throw new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many task ids in one subscriptions/listen (limit "
                    + maxUris + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        array.forEach(id -> ids.add(((JsonString) id).getString()));
        return ids;
    }

    /**
     * Indexes {@code listen} under each id asked, then reads them: the ones its caller may read are agreed (returned
     * with their state now); the rest leave the index. A store that cannot be reached refuses the listen (-32009).
     */
    private List<TaskRecord> agree(Listen listen, Set<String> asked, TaskEvents tasks) {
        for (String id : asked) {
            byTask.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(listen);
        }
        List<TaskRecord> agreed = new java.util.ArrayList<>();
        for (String id : asked) {
            TaskRecord t;
            try {
                t = tasks.read(id);
            } catch (TaskStore.UnavailableException e) {
                throw tasks.storeUnavailable();
            }
            if (t != null && t.visibleTo(listen.caller)) {
                agreed.add(t);
            } else {
                unindex(id, listen);
            }
        }
        listen.taskIds = agreed.stream().map(TaskRecord::taskId)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        return agreed;
    }

    private void unindex(String taskId, Listen listen) {
        byTask.computeIfPresent(taskId, (k, set) -> {
            set.remove(listen);
            return set.isEmpty() ? null : set;
        });
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

    /** {@code notifications/tasks} to the listens that agreed to the task and whose caller may read it. */
    public void taskChanged(TaskRecord task) {
        Set<Listen> listening = byTask.get(task.taskId());
        if (listening == null) {
            return;
        }
        for (Listen l : listening) {
            if (l.ctx.isActive()) {
                l.task(task);
            } else {
                unindex(task.taskId(), l); // cancelled or ended: forget it
            }
        }
    }

    /**
     * Another node changed a task (a cluster message carries its id): read from the shared store and reported to this
     * node's listens, if any names it (no read otherwise). Nothing when the store cannot be reached: the change is a
     * hint, and clients poll {@code tasks/get} too.
     */
    public void taskChangedElsewhere(String taskId) {
        TaskEvents tasks = taskEvents;
        Set<Listen> listening = byTask.get(taskId);
        if (tasks == null || listening == null || listening.stream().noneMatch(l -> l.ctx.isActive())) {
            return;
        }
        TaskRecord t;
        try {
            t = tasks.read(taskId);
        } catch (TaskStore.UnavailableException e) {
            return;
        }
        if (t != null) {
            taskChanged(t);
        }
    }

    /** The live tasks some open listen of this node waits on (its lease is watched); ended listens are forgotten. */
    private Set<String> listenedTaskIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<String, Set<Listen>> e : byTask.entrySet()) {
            for (Listen l : e.getValue()) {
                if (!l.ctx.isActive()) {
                    unindex(e.getKey(), l);
                } else if (l.waitsOn(e.getKey())) {
                    ids.add(e.getKey());
                }
            }
        }
        return ids;
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
            session.onClose(() -> {
                sessions.remove(session);
                for (Listen l : listens(session).values()) {
                    Set<String> ids = l.taskIds;
                    if (ids != null) {
                        ids.forEach(id -> unindex(id, l));
                    }
                }
            });
        }
    }

    /** One open {@code subscriptions/listen}. */
    private static final class Listen {
        final RequestContext ctx;
        final boolean tools;
        final boolean resources;
        final Set<String> uris;
        /** The caller the tasks are checked against (null: no task ids asked). */
        final String caller;
        /** The task ids agreed (null: none asked); set once, under this lock, before the acknowledgement. */
        volatile Set<String> taskIds;
        /** What was last sent for each task (the DetailedTask): the same state is not sent twice. */
        private final Map<String, Sent> sent = new java.util.HashMap<>();
        final CompletableFuture<JsonObject> end = new CompletableFuture<>();
        private final JsonValue id;

        private record Sent(JsonObject task, long updatedAtMs, boolean terminal) {
        }

        Listen(RequestContext ctx, boolean tools, boolean resources, Set<String> uris, String caller) {
            this.ctx = ctx;
            this.tools = tools;
            this.resources = resources;
            this.uris = uris;
            this.caller = caller;
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
            if (taskIds != null) {
                JsonArrayBuilder a = Json2.array();
                taskIds.forEach(a::add);
                honoured.add("taskIds", a);
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

        /** True while the task may still change for this listen (agreed, and not seen terminal). */
        synchronized boolean waitsOn(String taskId) {
            Set<String> ids = taskIds;
            Sent last = sent.get(taskId);
            return ids != null && ids.contains(taskId) && (last == null || !last.terminal());
        }

        /**
         * {@code notifications/tasks} with the task's state, if agreed and readable by this listen's caller, and newer
         * than what was sent (a state read before a change that was already reported is not sent after it; nothing
         * follows a terminal state).
         */
        synchronized void task(TaskRecord t) {
            Set<String> ids = taskIds;
            if (ids == null || !ids.contains(t.taskId()) || !t.visibleTo(caller) || !ctx.isActive()) {
                return;
            }
            JsonObject wire = t.wire(true).build();
            Sent last = sent.get(t.taskId());
            if (last != null && (last.terminal() || t.lastUpdatedAtMs() < last.updatedAtMs() || last.task().equals(wire))) {
                return;
            }
            sent.put(t.taskId(), new Sent(wire, t.lastUpdatedAtMs(), !t.live()));
            ctx.sendNotification("notifications/tasks", Json2.object(wire).add("_meta", meta()).build());
        }

        void end() {
            end.complete(Json2.object().add("_meta", meta()).build());
        }
    }
}
