package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
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
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transport-agnostic MCP engine. A transport opens a {@link McpSession} per connection, hands every decoded
 * message to {@link #onMessage}, and reports the close. The engine decides the era of each request, runs it on the
 * executor, and sends the response (or nothing, when it was cancelled) through the connection.
 *
 * <p>Era rules (one connection may mix them): {@code initialize} starts the legacy handshake for the connection;
 * a request carrying {@code _meta["io.modelcontextprotocol/protocolVersion"]}, any request of a 2026-07-28-only
 * method, and any request other than {@code ping} on a connection without a handshake are served statelessly as
 * 2026-07-28 requests, whose {@code _meta} must then be complete.
 */
public final class McpEngine {

    private static final Logger LOG = Logger.getLogger(McpEngine.class.getName());

    /** Methods that exist only in the legacy era. */
    private static final Set<String> LEGACY_ONLY = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");
    /** Methods that exist only in the 2026-07-28 era. */
    private static final Set<String> MODERN_ONLY = Set.of("server/discover", "subscriptions/listen");
    /**
     * Long-lived requests: they stay in flight while idle (holding no worker thread), have no execution timeout and
     * do not count against {@code maxInFlight} (their feature limits them itself).
     */
    static final Set<String> LONG_LIVED = Set.of("subscriptions/listen");

    private final ServerInfo serverInfo;
    private final List<ServerFeature> features;
    private final Map<String, MethodHandler> routes;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final EngineListener listener;
    private final EngineSettings settings;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile long lastStartNanos = System.nanoTime();
    private final Set<McpSession> sessions = ConcurrentHashMap.newKeySet();
    private final JsonObject modernResultMeta;
    private volatile InputSettings inputSettings = InputSettings.defaults();
    private volatile java.util.function.Consumer<McpSession> rootsChanged = s -> { };

    /** Every version this server speaks, newest first. */
    private static JsonArrayBuilder supportedVersions() {
        JsonArrayBuilder a = Json2.array();
        ProtocolVersion.MODERN.forEach(a::add);
        ProtocolVersion.LEGACY.forEach(a::add);
        return a;
    }

    /** An engine without request timeouts or a listener (tests, tools). */
    public McpEngine(ServerInfo serverInfo, List<ServerFeature> features, ExecutorService executor,
                     EngineSettings settings) {
        this(serverInfo, features, executor, null, EngineListener.NONE, settings);
    }

    /**
     * @param timer    runs request timeouts; null disables them
     * @param listener observes every request's end (metrics)
     */
    public McpEngine(ServerInfo serverInfo, List<ServerFeature> features, ExecutorService executor,
                     ScheduledExecutorService timer, EngineListener listener, EngineSettings settings) {
        this.serverInfo = serverInfo;
        this.features = List.copyOf(features);
        this.executor = executor;
        this.timer = timer;
        this.listener = listener;
        this.settings = settings;
        Map<String, MethodHandler> r = new HashMap<>();
        r.put("ping", ctx -> CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT));
        r.put("server/discover", this::discover);
        for (ServerFeature f : this.features) {
            f.methods().forEach((method, handler) -> {
                if (r.putIfAbsent(method, handler) != null) {
                    throw new IllegalStateException("Two features serve " + method);
                }
            });
        }
        this.routes = Map.copyOf(r);
        this.modernResultMeta = Json2.object()
                .add(MetaKeys.SERVER_INFO, serverInfo.implementation(ProtocolVersion.LATEST)).build();
    }

    /** Replaces the settings of input from the client (timeout of server-to-client requests, MRTR state key/TTL). */
    public void inputSettings(InputSettings settings) {
        this.inputSettings = java.util.Objects.requireNonNull(settings);
    }

    InputSettings inputSettings() {
        return inputSettings;
    }

    /** Called (on the connection's thread) after a legacy client sent {@code notifications/roots/list_changed}. */
    public void onRootsChanged(java.util.function.Consumer<McpSession> listener) {
        this.rootsChanged = java.util.Objects.requireNonNull(listener);
    }

    // ------------------------------------------------------------------ connection lifecycle

    public McpSession open(McpConnection connection) {
        McpSession session = new McpSession(connection);
        sessions.add(session);
        return session;
    }

    /** The connection closed: cancel its work, destroy its state. */
    public void onClose(McpSession session) {
        sessions.remove(session);
        session.close();
    }

    public Collection<McpSession> sessions() {
        return Collections.unmodifiableSet(sessions);
    }

    /**
     * How long the worker pool has not started any request while requests wait for it, in nanoseconds; 0 when
     * nothing waits. A growing value means the dispatcher is wedged.
     */
    public long dispatchStallNanos() {
        return submitted.get() > started.get() ? System.nanoTime() - lastStartNanos : 0;
    }

    /** Requests running (or queued) on all connections. */
    public int inFlightCount() {
        int n = 0;
        for (McpSession s : sessions) {
            n += s.inFlightCount();
        }
        return n;
    }

    /** Sends a notification to every connection that completed the legacy handshake (incl. notifications/initialized). */
    public void notifyLegacySessions(String method, JsonObject params) {
        JsonRpcNotification n = new JsonRpcNotification(method, params);
        for (McpSession s : sessions) {
            if (s.handshake() != null && s.initializedNotified()) {
                s.send(n);
            }
        }
    }

    // ------------------------------------------------------------------ messages

    public void onMessage(McpSession session, JsonRpcMessage message) {
        if (message instanceof JsonRpcRequest r) {
            onRequest(session, r, new DirectSink(session, r.id()));
        } else if (message instanceof JsonRpcNotification n) {
            onNotification(session, n);
        } else if (message instanceof JsonRpcResponse r) {
            onResponse(session, r);
        } else if (message instanceof JsonRpcBatch b) {
            onBatch(session, b);
        } else if (message instanceof InvalidMessage m) {
            session.send(new JsonRpcError(m.id(), m.code(), m.reason()));
        }
    }

    private void onRequest(McpSession session, JsonRpcRequest request, ResponseSink sink) {
        long start = System.nanoTime();
        try {
            dispatch(session, request, sink);
        } catch (McpException e) {
            sink.respond(new JsonRpcError(request.id(), e.code(), e.getMessage(), e.data()));
            listener.requestEnded(request.method(), "", null, "error_" + e.code(), System.nanoTime() - start);
        }
    }

    private void dispatch(McpSession session, JsonRpcRequest request, ResponseSink sink) {
        String method = request.method();
        JsonObject meta = request.meta();
        McpSession.LegacyHandshake handshake = session.handshake();
        boolean modern = meta.containsKey(MetaKeys.PROTOCOL_VERSION) || meta.containsKey(MetaKeys.CLIENT_CAPABILITIES)
                || MODERN_ONLY.contains(method)
                || (handshake == null && !"initialize".equals(method) && !"ping".equals(method));

        if (!modern) {
            if ("initialize".equals(method)) {
                long start = System.nanoTime();
                sink.respond(new JsonRpcResult(request.id(), initialize(session, request)));
                listener.requestEnded(method, "", Era.LEGACY, "ok", System.nanoTime() - start);
                return;
            }
            String version = handshake == null ? ProtocolVersion.LATEST_LEGACY : handshake.protocolVersion();
            MethodHandler handler = routes.get(method);
            if (handler == null || MODERN_ONLY.contains(method)) {
                throw methodNotFound(method);
            }
            JsonObject caps = handshake == null ? JsonValue.EMPTY_JSON_OBJECT : handshake.clientCapabilities();
            JsonObject info = handshake == null ? JsonValue.EMPTY_JSON_OBJECT : handshake.clientInfo();
            run(session, request, handler, Era.LEGACY, version, caps, info, sink);
            return;
        }

        // 2026-07-28: everything this request needs is in its own _meta
        List<String> missing = new ArrayList<>(2);
        JsonValue version = meta.get(MetaKeys.PROTOCOL_VERSION);
        JsonValue caps = meta.get(MetaKeys.CLIENT_CAPABILITIES);
        if (!(version instanceof JsonString)) {
            missing.add(MetaKeys.PROTOCOL_VERSION);
        }
        if (!(caps instanceof JsonObject)) {
            missing.add(MetaKeys.CLIENT_CAPABILITIES);
        }
        if (!missing.isEmpty()) {
            JsonArrayBuilder names = Json2.array();
            missing.forEach(names::add);
            throw new McpException(ErrorCodes.INVALID_PARAMS,
                    "Missing required _meta " + String.join(", ", missing)
                            + (handshake == null ? " (protocol 2026-07-28; clients of 2025-11-25 and older send initialize first)" : ""),
                    Json2.object().add("missing", names).build());
        }
        String requested = ((JsonString) version).getString();
        if (!ProtocolVersion.isModern(requested)) {
            throw new McpException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version",
                    Json2.object().add("supported", supportedVersions()).add("requested", requested).build());
        }
        MethodHandler handler = routes.get(method);
        if (handler == null || LEGACY_ONLY.contains(method)) {
            throw methodNotFound(method);
        }
        JsonObject info = meta.get(MetaKeys.CLIENT_INFO) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        run(session, request, handler, Era.MODERN, requested, (JsonObject) caps, info, sink);
    }

    private static McpException methodNotFound(String method) {
        return new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method);
    }

    private void run(McpSession session, JsonRpcRequest request, MethodHandler handler, Era era, String version,
                     JsonObject caps, JsonObject clientInfo, ResponseSink sink) {
        if (!LONG_LIVED.contains(request.method()) && session.inFlightCount() >= settings.maxInFlight()) {
            throw new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many requests in flight on this connection (limit "
                    + settings.maxInFlight() + "); wait for some to finish");
        }
        Map<String, JsonValue> answers = era == Era.MODERN && ClientInput.MRTR_METHODS.contains(request.method())
                ? ClientInput.roundAnswers(request.params(), request.method(),
                        RequestStates.principalName(session.connection().principal()), inputSettings.states())
                : null;
        InFlight inFlight = new InFlight(request.id(), request.method(), sink);
        if (session.inFlight().putIfAbsent(request.id(), inFlight) != null) {
            throw new McpException(ErrorCodes.DUPLICATE_REQUEST_ID,
                    "Request id " + request.id() + " is already in flight on this connection");
        }
        RequestContext ctx = new RequestContext(this, session, request, era, version, caps, clientInfo, inFlight, settings);
        if (answers != null) {
            ctx.input(ClientInput.modern(ctx, inputSettings, answers));
        }
        try {
            submitted.incrementAndGet();
            inFlight.future(executor.submit(() -> execute(ctx, handler, inFlight)));
        } catch (RejectedExecutionException e) {
            submitted.decrementAndGet();
            session.inFlight().remove(request.id(), inFlight);
            throw new McpException(ErrorCodes.SHUTTING_DOWN, "The server is not accepting work");
        }
        if (!inFlight.longLived) {
            timeout(ctx, settings.requestTimeoutMs());
        }
    }

    /** (Re)arms the execution timeout of a request; 0 disarms it. */
    void timeout(RequestContext ctx, long millis) {
        InFlight inFlight = ctx.inFlight();
        if (timer == null) {
            return;
        }
        if (millis <= 0) {
            inFlight.timeout(java.util.concurrent.CompletableFuture.completedFuture(null));
            return;
        }
        try {
            inFlight.timeout(timer.schedule(() -> expire(ctx), millis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.fine("Request timeout not armed: the timer is shut down");
        }
    }

    private void expire(RequestContext ctx) {
        InFlight inFlight = ctx.inFlight();
        if (!inFlight.expire()) {
            return;
        }
        ctx.session().inFlight().remove(inFlight.id, inFlight);
        inFlight.sink.respond(new JsonRpcError(ctx.id(), ErrorCodes.REQUEST_TIMEOUT,
                "Request timed out after " + ctx.timeoutMs() + " ms and was cancelled"));
        listener.requestEnded(ctx.method(), ctx.target(), ctx.era(), "timeout", System.nanoTime() - ctx.startNanos());
    }

    private void execute(RequestContext ctx, MethodHandler handler, InFlight inFlight) {
        started.incrementAndGet();
        lastStartNanos = System.nanoTime();
        if (inFlight.isCancelled()) {
            return;
        }
        CompletionStage<JsonObject> stage;
        ctx.bind();
        try {
            stage = handler.handle(ctx);
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        } finally {
            RequestContext.unbind();
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new IllegalStateException(ctx.method() + " handler returned no stage"));
        }
        stage.whenComplete((result, error) -> finish(ctx, inFlight, result, error));
    }

    private void finish(RequestContext ctx, InFlight inFlight, JsonObject result, Throwable error) {
        if (!inFlight.complete()) {
            if (!"timeout".equals(inFlight.reason())) {
                listener.requestEnded(ctx.method(), ctx.target(), ctx.era(), "cancelled", System.nanoTime() - ctx.startNanos());
            }
            return; // cancelled or timed out: the client gets nothing (more)
        }
        McpSession session = ctx.session();
        session.inFlight().remove(inFlight.id, inFlight);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        JsonRpcResponse response;
        String outcome;
        if (cause == null && result == null) {
            cause = new IllegalStateException(ctx.method() + " handler completed without a result");
        }
        if (cause instanceof InputRequired ir && ctx.era() == Era.MODERN) {
            response = new JsonRpcResult(ctx.id(), modernResult(inputRequired(ctx, ir)));
            outcome = "input_required";
        } else if (cause == null) {
            response = new JsonRpcResult(ctx.id(), ctx.era() == Era.MODERN ? modernResult(result) : result);
            outcome = result.getBoolean("isError", false) ? "tool_error" : "ok";
        } else if (cause instanceof McpException e) {
            response = new JsonRpcError(ctx.id(), e.code(), e.getMessage(), e.data());
            outcome = "error_" + e.code();
        } else if (cause instanceof Cancellation.CancelledException) {
            inFlight.sink.skip();
            listener.requestEnded(ctx.method(), ctx.target(), ctx.era(), "cancelled", System.nanoTime() - ctx.startNanos());
            return;
        } else {
            outcome = "error_" + ErrorCodes.INTERNAL_ERROR;
            dev.mcpws.diagnostics.Messages.REQUEST_FAILED.log(LOG, cause, ctx.method(), ctx.id(), session.id());
            response = new JsonRpcError(ctx.id(), ErrorCodes.INTERNAL_ERROR, "Internal error");
        }
        inFlight.sink.respond(response);
        listener.requestEnded(ctx.method(), ctx.target(), ctx.era(), outcome, System.nanoTime() - ctx.startNanos());
    }

    /** The 2026-07-28 {@code InputRequiredResult}: the questions asked, and a signed state for the retry. */
    private JsonObject inputRequired(RequestContext ctx, InputRequired ir) {
        String state = inputSettings.states().issue(RequestStates.principalName(ctx.principal()), ctx.method(),
                ctx.params(), ctx.input().answers(), ir.requests.keySet());
        JsonObjectBuilder requests = Json2.object();
        ir.requests.forEach(requests::add);
        return Json2.object()
                .add("resultType", "input_required")
                .add("inputRequests", requests)
                .add("requestState", state)
                .build();
    }

    /** Adds {@code resultType} and the serverInfo {@code _meta} every 2026-07-28 result carries. */
    private JsonObject modernResult(JsonObject result) {
        JsonObjectBuilder b = Json2.object(result);
        if (!result.containsKey("resultType")) {
            b.add("resultType", "complete");
        }
        JsonObject meta = Json2.object(result, "_meta");
        b.add("_meta", meta.isEmpty() ? modernResultMeta : Json2.object(meta).addAll(Json2.object(modernResultMeta)).build());
        return b.build();
    }

    private void onNotification(McpSession session, JsonRpcNotification n) {
        switch (n.method()) {
            case "notifications/initialized" -> session.markInitializedNotified();
            case "notifications/cancelled" -> {
                RequestId id = Json2.idOrNull(n.params().get("requestId"));
                InFlight f = id == null ? null : session.inFlight().get(id);
                if (f != null && f.cancel(Json2.stringOrNull(n.params(), "reason"))) {
                    session.inFlight().remove(id, f);
                    listener.requestEnded(f.method, "", null, "cancelled", 0);
                }
            }
            case "notifications/roots/list_changed" -> {
                session.clientRequests().invalidateRoots();
                try {
                    rootsChanged.accept(session);
                } catch (RuntimeException e) {
                    dev.mcpws.diagnostics.Messages.ROOTS_OBSERVER_FAILED.log(LOG, e);
                }
            }
            default -> LOG.fine(() -> "Ignoring notification " + n.method() + " on connection " + session.id());
        }
    }

    private void onResponse(McpSession session, JsonRpcResponse response) {
        // answers to server-to-client requests (legacy era); late, unknown or abandoned ones are dropped
        if (!session.clientRequests().complete(response)) {
            LOG.fine(() -> "Ignoring an unexpected response " + response.id() + " on connection " + session.id());
        }
    }

    private void onBatch(McpSession session, JsonRpcBatch batch) {
        McpSession.LegacyHandshake handshake = session.handshake();
        if (handshake == null || !ProtocolVersion.V2025_03_26.equals(handshake.protocolVersion())) {
            session.send(new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are only accepted in protocol version 2025-03-26"));
            return;
        }
        List<JsonRpcRequest> requests = new ArrayList<>();
        List<JsonRpcResponse> immediate = new ArrayList<>();
        for (JsonRpcMessage m : batch.messages()) {
            if (m instanceof JsonRpcRequest r) {
                if ("initialize".equals(r.method())) {
                    immediate.add(new JsonRpcError(r.id(), ErrorCodes.INVALID_REQUEST,
                            "Invalid Request: initialize must not be part of a batch"));
                } else {
                    requests.add(r);
                }
            } else if (m instanceof JsonRpcNotification n) {
                onNotification(session, n);
            } else if (m instanceof JsonRpcResponse r) {
                onResponse(session, r);
            } else if (m instanceof InvalidMessage bad) {
                immediate.add(new JsonRpcError(bad.id(), bad.code(), bad.reason()));
            } else {
                immediate.add(new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: nested batch"));
            }
        }
        BatchSink collector = new BatchSink(session, requests.size(), immediate);
        for (JsonRpcRequest r : requests) {
            onRequest(session, r, collector);
        }
    }

    // ------------------------------------------------------------------ lifecycle methods

    private JsonObject initialize(McpSession session, JsonRpcRequest request) {
        if (session.handshake() != null) {
            throw new McpException(ErrorCodes.INVALID_REQUEST, "Invalid Request: the connection is already initialized");
        }
        JsonObject params = request.params();
        String requested = Json2.stringOrNull(params, "protocolVersion");
        if (requested == null) {
            throw McpException.invalidParams("initialize needs params.protocolVersion");
        }
        String negotiated = ProtocolVersion.isLegacy(requested) ? requested : ProtocolVersion.LATEST_LEGACY;
        session.handshake(new McpSession.LegacyHandshake(negotiated, Json2.object(params, "capabilities"),
                Json2.object(params, "clientInfo")));
        JsonObjectBuilder result = Json2.object()
                .add("protocolVersion", negotiated)
                .add("capabilities", capabilities(negotiated))
                .add("serverInfo", serverInfo.implementation(negotiated));
        if (serverInfo.instructions() != null && !serverInfo.instructions().isBlank()) {
            result.add("instructions", serverInfo.instructions());
        }
        return result.build();
    }

    private CompletionStage<JsonObject> discover(RequestContext ctx) {
        JsonObjectBuilder result = Json2.object()
                .add("supportedVersions", supportedVersions())
                .add("capabilities", capabilities(ctx.protocolVersion()));
        if (serverInfo.instructions() != null && !serverInfo.instructions().isBlank()) {
            result.add("instructions", serverInfo.instructions());
        }
        return CompletableFuture.completedFuture(ctx.cacheable(result).build());
    }

    private JsonObject capabilities(String protocolVersion) {
        JsonObjectBuilder caps = Json2.object();
        for (ServerFeature f : features) {
            f.capabilities(caps, protocolVersion);
        }
        return caps.build();
    }

    // ------------------------------------------------------------------ sinks

    private record DirectSink(McpSession session, RequestId id) implements ResponseSink {
        @Override
        public void respond(JsonRpcResponse response) {
            session.send(response);
        }

        @Override
        public void skip() {
            session.connection().skipped(id); // nothing to send; a per-request transport may end its stream
        }
    }

    /** Collects the responses of a 2025-03-26 batch and sends them as one array when the last request ends. */
    private static final class BatchSink implements ResponseSink {
        private final McpSession session;
        private final List<JsonRpcMessage> responses;
        private int pending;

        BatchSink(McpSession session, int requests, List<JsonRpcResponse> immediate) {
            this.session = session;
            this.responses = new ArrayList<>(immediate);
            this.pending = requests;
            if (requests == 0) {
                flush();
            }
        }

        @Override
        public synchronized void respond(JsonRpcResponse response) {
            responses.add(response);
            done();
        }

        @Override
        public synchronized void skip() {
            done();
        }

        private void done() {
            if (--pending == 0) {
                flush();
            }
        }

        private void flush() {
            if (!responses.isEmpty()) {
                session.send(new JsonRpcBatch(responses));
            }
        }
    }
}
