package dev.mcpws.client;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The MCP side of the client: request/response correlation, the era handshake, input rounds, notifications, and what
 * happens to requests when the socket drops and comes back. {@link McpClient} is its typed face.
 *
 * <p>A request is <em>waiting</em> (not sent: before the session is ready, or after a drop when it is safe to repeat)
 * or <em>in flight</em> (sent with a fresh id). When the socket drops, in-flight requests the {@link ReplayPolicy}
 * allows go back to waiting, the others fail with {@link ConnectionLostException}; when the new session is ready,
 * everything waiting is sent. Handshake requests and listens are never replayed: the new session makes its own.
 */
final class ClientCore implements ReconnectingWebSocket.Events {

    static final String MODERN_VERSION = ProtocolVersion.V2026_07_28;
    private static final String META = "io.modelcontextprotocol/";
    private static final int MAX_INPUT_ROUNDS = 16;
    private static final System.Logger LOG = System.getLogger(McpClient.class.getName());

    /** One request of the application (or of the client itself), across its rounds and replays. */
    static final class Pending<T> {
        final String method;
        final JsonObject params;
        final Function<JsonObject, T> mapper;
        final McpFuture<T> future = new McpFuture<>();
        final boolean handshake;
        final boolean longLived;
        final String progressToken;
        final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        volatile RequestId id;
        volatile JsonObject round;
        volatile ScheduledFuture<?> timer;
        int rounds;

        Pending(String method, JsonObject params, Function<JsonObject, T> mapper, boolean handshake, boolean longLived,
                String progressToken) {
            this.method = method;
            this.params = params == null ? JsonValue.EMPTY_JSON_OBJECT : params;
            this.mapper = mapper;
            this.handshake = handshake;
            this.longLived = longLived;
            this.progressToken = progressToken;
        }
    }

    private final McpClient.Builder cfg;
    /** What the client declares (fixed at build time; sent with every 2026-07-28 request and in initialize). */
    private final JsonObject capabilities;
    private final JsonObject clientInfo;
    final ReconnectingWebSocket socket;
    private final Executor callbacks;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final Object lock = new Object();
    private final Map<RequestId, Pending<?>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Consumer<ProgressUpdate>> progress = new ConcurrentHashMap<>();
    final Map<String, Consumer<String>> subscriptions = new ConcurrentHashMap<>();
    final Map<String, ToolInfo> tools = new ConcurrentHashMap<>();

    // guarded by lock
    private final List<Pending<?>> waiting = new ArrayList<>();
    private boolean ready;
    private boolean closed;

    private volatile ServerDescription server;
    private volatile boolean modern;
    private volatile Pending<JsonObject> listen;
    volatile String logLevel;
    private final CompletableFuture<ServerDescription> firstSession = new CompletableFuture<>();

    ClientCore(McpClient.Builder cfg, WebSocketSettings socketSettings, Executor callbacks) {
        this.cfg = cfg;
        this.capabilities = capabilities(cfg);
        this.clientInfo = Json2.object().add("name", cfg.clientName).add("version", cfg.clientVersion).build();
        this.callbacks = callbacks;
        this.socket = new ReconnectingWebSocket(socketSettings, this);
    }

    CompletableFuture<ServerDescription> firstSession() {
        return firstSession;
    }

    ServerDescription server() {
        return server;
    }

    boolean ready() {
        synchronized (lock) {
            return ready;
        }
    }

    // ------------------------------------------------------------------ requests

    <T> McpFuture<T> request(String method, JsonObject params, Function<JsonObject, T> mapper,
            Consumer<ProgressUpdate> onProgress) {
        String token = onProgress == null ? null : "p" + tokens.incrementAndGet();
        Pending<T> p = new Pending<>(method, params, mapper, false, false, token);
        if (token != null) {
            progress.put(token, onProgress);
        }
        start(p, cfg.requestTimeout);
        return p.future;
    }

    private <T> void start(Pending<T> p, Duration timeout) {
        p.future.onCancel(() -> abandon(p, "cancelled by the client"));
        if (timeout != null && !timeout.isZero()) {
            try {
                p.timer = socket.scheduler().schedule(() -> timedOut(p, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closedAlready) {
                fail(p, closedError(p, false, null));
                return;
            }
        }
        dispatch(p);
    }

    private void dispatch(Pending<?> p) {
        boolean isClosed;
        synchronized (lock) {
            isClosed = closed;
            if (!closed && !ready && !p.handshake) {
                waiting.add(p);
                return;
            }
        }
        if (isClosed) {
            fail(p, closedError(p, false, null));
        } else {
            transmit(p);
        }
    }

    private void transmit(Pending<?> p) {
        if (p.future.isDone()) {
            return;
        }
        RequestId id = RequestId.of(ids.incrementAndGet());
        p.id = id;
        inFlight.put(id, p);
        if (!socket.send(new JsonRpcRequest(id, p.method, wire(p)))) {
            inFlight.remove(id);
            p.id = null;
            if (p.handshake || p.longLived) {
                fail(p, new ConnectionLostException(p.method, false, "connection lost before " + p.method, null));
                return;
            }
            synchronized (lock) {
                if (!closed) {
                    waiting.add(p); // not sent: send it on the next session
                    return;
                }
            }
            fail(p, closedError(p, false, null));
        }
    }

    private JsonObject wire(Pending<?> p) {
        JsonObjectBuilder b = Json2.object(p.params);
        if (p.round != null) {
            p.round.forEach(b::add);
        }
        JsonObjectBuilder meta = Json2.object(Json2.object(p.params, "_meta"));
        if (p.progressToken != null) {
            meta.add("progressToken", p.progressToken);
        }
        if (modern || "server/discover".equals(p.method)) {
            meta.add(META + "protocolVersion", MODERN_VERSION)
                    .add(META + "clientCapabilities", capabilities)
                    .add(META + "clientInfo", clientInfo);
            if (logLevel != null) {
                meta.add(META + "logLevel", logLevel);
            }
        }
        JsonObject m = meta.build();
        if (!m.isEmpty()) {
            b.add("_meta", m);
        }
        return b.build();
    }

    private static JsonObject capabilities(McpClient.Builder cfg) {
        JsonObjectBuilder c = Json2.object();
        if (cfg.roots != null) {
            c.add("roots", Json2.object().add("listChanged", true));
        }
        if (cfg.sampling != null) {
            c.add("sampling", JsonValue.EMPTY_JSON_OBJECT);
        }
        if (cfg.elicitation != null) {
            c.add("elicitation", Json2.object().add("form", JsonValue.EMPTY_JSON_OBJECT).add("url", JsonValue.EMPTY_JSON_OBJECT));
        }
        return c.build();
    }

    private void timedOut(Pending<?> p, Duration timeout) {
        if (p.future.isDone()) {
            return;
        }
        abandon(p, "timeout");
        fail(p, new RequestTimeoutException(p.method + " got no answer within " + timeout.toMillis() + " ms"));
    }

    /** Forgets a request; when it was sent, tells the server to stop (no answer will come). */
    private void abandon(Pending<?> p, String reason) {
        RequestId id = p.id;
        if (id != null && inFlight.remove(id) != null) {
            socket.send(new JsonRpcNotification("notifications/cancelled",
                    Json2.object().add("requestId", Json2.idValue(id)).add("reason", reason).build()));
        }
        synchronized (lock) {
            waiting.remove(p);
        }
        cleanUp(p);
    }

    private void cleanUp(Pending<?> p) {
        ScheduledFuture<?> t = p.timer;
        if (t != null) {
            t.cancel(false);
        }
        if (p.progressToken != null) {
            progress.remove(p.progressToken);
        }
    }

    private <T> void complete(Pending<T> p, JsonObject result) {
        cleanUp(p);
        try {
            p.future.complete(p.mapper.apply(result));
        } catch (RuntimeException e) {
            p.future.completeExceptionally(new McpClientException("Unexpected " + p.method + " result: " + e, e));
        }
    }

    private void fail(Pending<?> p, Throwable error) {
        cleanUp(p);
        p.future.completeExceptionally(error);
        p.acknowledged.completeExceptionally(error);
    }

    private ConnectionLostException closedError(Pending<?> p, boolean sent, Throwable cause) {
        return new ConnectionLostException(p.method, sent, "The MCP client is closed (" + p.method + ")", cause);
    }

    // ------------------------------------------------------------------ socket events

    @Override
    public void opened(boolean reconnect) {
        modern = false;
        handshake().whenComplete((desc, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                if (!(cause instanceof ConnectionLostException)) { // a drop restarts the handshake by itself
                    LOG.log(System.Logger.Level.ERROR, "MCPWSC010E Cannot establish an MCP session: {0}", cause.getMessage());
                    shutDown(cause);
                }
                return;
            }
            server = desc;
            modern = desc.era() == ProtocolEra.MODERN;
            List<Pending<?>> flush;
            synchronized (lock) {
                ready = true;
                flush = new ArrayList<>(waiting);
                waiting.clear();
            }
            restoreSubscriptions();
            flush.forEach(this::transmit);
            if (reconnect) {
                if (!tools.isEmpty()) {
                    refreshTools();
                }
                cfg.listener.reconnected(desc);
            }
            firstSession.complete(desc);
        });
    }

    @Override
    public void message(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse r) {
            response(r);
        } else if (message instanceof JsonRpcNotification n) {
            notification(n);
        } else if (message instanceof JsonRpcRequest r) {
            serverRequest(r);
        } else if (message instanceof JsonRpcBatch b) {
            b.messages().forEach(this::message);
        } else if (message instanceof InvalidMessage bad) {
            LOG.log(System.Logger.Level.WARNING, "MCPWSC011W Unreadable message from the server ignored: {0}",
                    bad.reason());
        }
    }

    @Override
    public void dropped(int code, String reason, boolean willRetry) {
        List<Pending<?>> lost = new ArrayList<>();
        List<Pending<?>> silent = new ArrayList<>();
        synchronized (lock) {
            ready = false;
            for (Pending<?> p : inFlight.values()) {
                p.id = null;
                if (p.handshake || p.longLived) {
                    silent.add(p);
                } else if (cfg.replay.mayRepeat(p.method, p.params, toolAnnotations(p))) {
                    waiting.add(p);
                } else {
                    lost.add(p);
                }
            }
            inFlight.clear();
        }
        for (Pending<?> p : lost) {
            fail(p, new ConnectionLostException(p.method, true, "The connection dropped while " + p.method
                    + " was in flight (" + code + " " + reason + "); its outcome is unknown", null));
        }
        for (Pending<?> p : silent) {
            fail(p, new ConnectionLostException(p.method, true, "connection lost", null));
        }
        cfg.listener.disconnected(code, reason, willRetry);
    }

    @Override
    public void gaveUp(Throwable cause) {
        shutDown(cause);
        cfg.listener.gaveUp(cause);
    }

    @Override
    public void roundTrip(Duration rtt) {
        cfg.listener.roundTrip(rtt);
    }

    /** Ends the client: every request fails, the socket closes. */
    void shutDown(Throwable cause) {
        List<Pending<?>> all = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ready = false;
            all.addAll(waiting);
            waiting.clear();
            all.addAll(inFlight.values());
            inFlight.clear();
        }
        for (Pending<?> p : all) {
            fail(p, closedError(p, p.id != null, cause));
        }
        firstSession.completeExceptionally(cause == null ? new McpClientException("closed") : cause);
        socket.close();
    }

    private JsonObject toolAnnotations(Pending<?> p) {
        if (!"tools/call".equals(p.method)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        ToolInfo t = tools.get(String.valueOf(Json2.stringOrNull(p.params, "name")));
        return t == null ? JsonValue.EMPTY_JSON_OBJECT : t.annotations();
    }

    // ------------------------------------------------------------------ the handshake

    private CompletableFuture<ServerDescription> handshake() {
        switch (cfg.era) {
            case LEGACY:
                return initialize();
            case MODERN:
                return discover();
            default:
                return discover().handle((d, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(d);
                    }
                    Throwable cause = unwrap(e);
                    if (cause instanceof ConnectionLostException || !mayBeLegacy(cause)) {
                        return CompletableFuture.<ServerDescription>failedFuture(cause);
                    }
                    return initialize();
                }).thenCompose(Function.identity());
        }
    }

    /** The spec's stream rule: a modern error means modern; anything else (incl. no answer) means legacy. */
    private static boolean mayBeLegacy(Throwable probeError) {
        if (probeError instanceof McpErrorException e) {
            if (e.code() == ErrorCodes.MISSING_CLIENT_CAPABILITY) {
                return false;
            }
            if (e.code() == ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION) {
                JsonArray supported = e.data() instanceof JsonObject d ? Json2.arrayOrNull(d, "supported") : null;
                return supported == null || supported.stream().anyMatch(v -> v instanceof JsonString s
                        && ProtocolVersion.isLegacy(s.getString()));
            }
        }
        return true;
    }

    private CompletableFuture<ServerDescription> discover() {
        Duration probe = cfg.era == ProtocolEra.AUTO ? min(cfg.requestTimeout, Duration.ofSeconds(10)) : cfg.requestTimeout;
        return handshakeRequest("server/discover", JsonValue.EMPTY_JSON_OBJECT, probe).thenApply(r -> {
            JsonArray versions = Json2.arrayOrNull(r, "supportedVersions");
            if (versions != null && versions.stream().noneMatch(v -> v instanceof JsonString s
                    && MODERN_VERSION.equals(s.getString()))) {
                throw new McpErrorException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                        "The server does not support " + MODERN_VERSION, Json2.object().add("supported", versions).build());
            }
            JsonObject info = r.get("serverInfo") instanceof JsonObject o ? o : Json2.object(Json2.object(r, "_meta"), META + "serverInfo");
            return new ServerDescription(MODERN_VERSION, ProtocolEra.MODERN, info, Json2.object(r, "capabilities"),
                    Json2.stringOrNull(r, "instructions"));
        });
    }

    private CompletableFuture<ServerDescription> initialize() {
        JsonObject params = Json2.object().add("protocolVersion", ProtocolVersion.LATEST_LEGACY)
                .add("capabilities", capabilities).add("clientInfo", clientInfo).build();
        return handshakeRequest("initialize", params, cfg.requestTimeout).thenApply(r -> {
            String version = Json2.stringOrNull(r, "protocolVersion");
            if (version == null || !ProtocolVersion.isLegacy(version)) {
                throw new McpClientException("The server answered initialize with protocol version " + version
                        + ", which this client does not speak");
            }
            socket.send(new JsonRpcNotification("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT));
            if (logLevel != null) {
                request("logging/setLevel", Json2.object().add("level", logLevel).build(), x -> x, null);
            }
            return new ServerDescription(version, ProtocolEra.LEGACY, Json2.object(r, "serverInfo"),
                    Json2.object(r, "capabilities"), Json2.stringOrNull(r, "instructions"));
        });
    }

    private CompletableFuture<JsonObject> handshakeRequest(String method, JsonObject params, Duration timeout) {
        Pending<JsonObject> p = new Pending<>(method, params, x -> x, true, false, null);
        start(p, timeout);
        return p.future;
    }

    // ------------------------------------------------------------------ subscriptions and listens

    /** After a handshake: legacy re-subscribes each URI; modern opens a fresh listen. */
    private void restoreSubscriptions() {
        if (modern) {
            openListen();
        } else {
            for (String uri : subscriptions.keySet()) {
                request("resources/subscribe", Json2.object().add("uri", uri).build(), x -> x, null)
                        .exceptionally(e -> {
                            LOG.log(System.Logger.Level.WARNING, "MCPWSC012W Cannot re-subscribe to {0}: {1}", uri, e);
                            return null;
                        });
            }
        }
    }

    /** Replaces the modern listen with one for the current subscriptions; completes when the server acknowledges. */
    CompletableFuture<Void> openListen() {
        ServerDescription s = server;
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
            subscriptions.keySet().forEach(uris::add);
            filter.add("resourceSubscriptions", uris);
        }
        Pending<JsonObject> next = new Pending<>("subscriptions/listen",
                Json2.object().add("notifications", filter).build(), x -> x, false, true, null);
        Pending<JsonObject> previous = listen;
        listen = next;
        start(next, null);
        if (previous != null) {
            previous.future.cancel(false);
        }
        return next.acknowledged;
    }

    // ------------------------------------------------------------------ incoming

    private void response(JsonRpcResponse r) {
        Pending<?> p = r.id() == null ? null : inFlight.remove(r.id());
        if (p == null) {
            return; // cancelled, timed out, or not ours
        }
        if (r instanceof JsonRpcError e) {
            fail(p, new McpErrorException(e.code(), e.message(), e.data()));
            return;
        }
        JsonObject result = ((JsonRpcResult) r).result();
        if ("input_required".equals(Json2.stringOrNull(result, "resultType"))) {
            inputRound(p, result);
        } else {
            complete(p, result);
        }
    }

    /** 2026-07-28 MRTR: answer every input request with the application's handlers, then send the request again. */
    private void inputRound(Pending<?> p, JsonObject result) {
        if (++p.rounds > MAX_INPUT_ROUNDS) {
            fail(p, new McpClientException(p.method + " asked for input more than " + MAX_INPUT_ROUNDS + " times"));
            return;
        }
        Map<String, CompletableFuture<JsonObject>> answers = new LinkedHashMap<>();
        Json2.object(result, "inputRequests").forEach((key, v) -> {
            JsonObject req = v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            answers.put(key, answer(Json2.stringOrNull(req, "method"), Json2.object(req, "params")));
        });
        CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).whenComplete((x, error) -> {
            if (error != null) {
                fail(p, unwrap(error));
                return;
            }
            JsonObjectBuilder responses = Json2.object();
            answers.forEach((k, f) -> responses.add(k, f.join()));
            JsonObjectBuilder round = Json2.object().add("inputResponses", responses);
            JsonValue state = result.get("requestState");
            if (state != null) {
                round.add("requestState", state);
            }
            p.round = round.build();
            dispatch(p);
        });
    }

    /** Answers a question of the server with the application's handlers (both eras). */
    private CompletableFuture<JsonObject> answer(String method, JsonObject params) {
        if ("ping".equals(method)) {
            return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
        }
        if ("roots/list".equals(method) && cfg.roots != null) {
            return CompletableFuture.supplyAsync(() -> {
                JsonArrayBuilder roots = Json2.array();
                for (Root root : cfg.roots.get()) {
                    JsonObjectBuilder r = Json2.object().add("uri", root.uri());
                    if (root.name() != null) {
                        r.add("name", root.name());
                    }
                    roots.add(r);
                }
                return Json2.object().add("roots", roots).build();
            }, callbacks);
        }
        ClientRequestHandler handler = "elicitation/create".equals(method) ? cfg.elicitation
                : "sampling/createMessage".equals(method) ? cfg.sampling : null;
        if (handler == null) {
            return CompletableFuture.failedFuture(new McpErrorException(ErrorCodes.METHOD_NOT_FOUND,
                    "This client does not handle " + method, null));
        }
        return CompletableFuture.supplyAsync(() -> handler.handle(params), callbacks)
                .thenCompose(Function.identity());
    }

    private void serverRequest(JsonRpcRequest r) {
        answer(r.method(), r.params()).whenComplete((result, error) -> {
            if (error == null) {
                socket.send(new JsonRpcResult(r.id(), result));
            } else {
                Throwable cause = unwrap(error);
                socket.send(cause instanceof McpErrorException e
                        ? new JsonRpcError(r.id(), e.code(), cause.getMessage())
                        : new JsonRpcError(r.id(), ErrorCodes.INTERNAL_ERROR, "The client's handler failed"));
            }
        });
    }

    private void notification(JsonRpcNotification n) {
        JsonObject params = n.params();
        switch (n.method()) {
            case "notifications/progress": {
                JsonValue token = params.get("progressToken");
                String key = token instanceof JsonString s ? s.getString() : String.valueOf(token);
                Consumer<ProgressUpdate> c = progress.get(key);
                if (c != null) {
                    c.accept(new ProgressUpdate(number(params, "progress"), params.containsKey("total")
                            ? number(params, "total") : null, Json2.stringOrNull(params, "message")));
                }
                break;
            }
            case "notifications/message":
                cfg.listener.log(params);
                break;
            case "notifications/resources/updated": {
                String uri = Json2.stringOrNull(params, "uri");
                Consumer<String> c = uri == null ? null : subscriptions.get(uri);
                if (c != null) {
                    callbacks.execute(() -> c.accept(uri));
                }
                break;
            }
            case "notifications/tools/list_changed":
                if (!tools.isEmpty()) {
                    refreshTools();
                }
                cfg.listener.listChanged("tools");
                break;
            case "notifications/resources/list_changed":
                cfg.listener.listChanged("resources");
                break;
            case "notifications/prompts/list_changed":
                cfg.listener.listChanged("prompts");
                break;
            case "notifications/subscriptions/acknowledged": {
                RequestId id = Json2.idOrNull(Json2.object(params, "_meta").get(META + "subscriptionId"));
                Pending<?> p = id == null ? null : inFlight.get(id);
                if (p != null) {
                    p.acknowledged.complete(null);
                }
                break;
            }
            case "notifications/cancelled":
                break; // the server withdrew a question; our answer will simply be ignored
            default:
                cfg.listener.notification(n.method(), params);
        }
    }

    void refreshTools() {
        listAll("tools/list", "tools", ToolInfo::from).thenAccept(list -> {
            tools.clear();
            list.forEach(t -> tools.put(t.name(), t));
        }).exceptionally(e -> null);
    }

    /** Every page of a list method, following {@code nextCursor}. */
    <T> CompletableFuture<List<T>> listAll(String method, String key, Function<JsonObject, T> item) {
        return page(method, key, item, null, new ArrayList<>(), 0);
    }

    private <T> CompletableFuture<List<T>> page(String method, String key, Function<JsonObject, T> item, String cursor,
            List<T> acc, int pages) {
        JsonObject params = cursor == null ? JsonValue.EMPTY_JSON_OBJECT : Json2.object().add("cursor", cursor).build();
        return request(method, params, x -> x, null).thenCompose(r -> {
            JsonValues.objects(r, key).forEach(o -> acc.add(item.apply(o)));
            String next = Json2.stringOrNull(r, "nextCursor");
            if (next == null || pages >= 10_000) {
                return CompletableFuture.completedFuture(acc);
            }
            return page(method, key, item, next, acc, pages + 1);
        });
    }

    // ------------------------------------------------------------------ helpers

    private static double number(JsonObject o, String key) {
        return o.get(key) instanceof jakarta.json.JsonNumber n ? n.doubleValue() : 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
