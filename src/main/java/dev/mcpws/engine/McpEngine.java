package dev.mcpws.engine;

import dev.mcpws.diagnostics.Messages;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The transport-agnostic MCP engine. A transport opens a {@link McpSession} per connection, hands every decoded
 * message to {@link #onMessage} together with the {@link RequestChannel} its requests answer through, and reports the
 * close. The {@link EraRule} decides each request's era (one connection may mix them); the {@link Dispatcher} runs it.
 * Built once by {@link #builder}; nothing about it changes afterwards.
 */
public final class McpEngine {

    private static final Logger LOG = Logger.getLogger(McpEngine.class.getName());

    private final Map<String, MethodSpec> methods;
    private final EraRule eraRule;
    private final Dispatcher dispatcher;
    private final Consumer<McpSession> rootsChanged;
    private final EngineListener listener;
    private final Set<McpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Tasks tasks;
    private final TaskEvents taskEvents;

    private McpEngine(Builder b) {
        this.tasks = b.taskStore == null ? null
                : new Tasks(b.taskStore, b.taskSettings, b.taskTimer != null ? b.taskTimer : b.timer,
                        System::currentTimeMillis);
        this.taskEvents = tasks == null ? null : new TaskEvents(tasks);
        if (tasks != null) {
            b.features.add(tasks);
        }
        CoreMethods core = new CoreMethods(b.serverInfo, List.copyOf(b.features));
        Map<String, MethodSpec> m = new LinkedHashMap<>();
        List<MethodSpec> all = new ArrayList<>(core.methods());
        b.features.forEach(f -> all.addAll(f.methods()));
        for (MethodSpec spec : all) {
            if (m.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException("Two features serve " + spec.name());
            }
        }
        this.methods = Collections.unmodifiableMap(m);
        this.eraRule = new EraRule(methods.values());
        this.rootsChanged = b.rootsChanged;
        this.listener = b.listener;
        this.dispatcher = new Dispatcher(this, methods, eraRule, core, b);
        if (tasks != null) {
            tasks.dispatcher(dispatcher);
        }
    }

    public static Builder builder(ServerInfo serverInfo, ExecutorService executor) {
        return new Builder(serverInfo, executor);
    }

    /** Everything an engine is made of; {@link #build} checks it and makes the engine. */
    public static final class Builder {
        final ServerInfo serverInfo;
        final ExecutorService executor;
        final List<ServerFeature> features = new ArrayList<>();
        ScheduledExecutorService timer;
        EngineListener listener = EngineListener.NONE;
        RequestTracer tracer = RequestTracer.NONE;
        EngineSettings settings = EngineSettings.DEFAULTS;
        InputSettings inputSettings;
        Consumer<McpSession> rootsChanged = s -> { };
        dev.mcpws.tasks.TaskStore taskStore;
        TaskSettings taskSettings;
        ScheduledExecutorService taskTimer;

        private Builder(ServerInfo serverInfo, ExecutorService executor) {
            this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
            this.executor = Objects.requireNonNull(executor, "executor");
        }

        public Builder features(List<? extends ServerFeature> features) {
            this.features.addAll(features);
            return this;
        }

        public Builder feature(ServerFeature feature) {
            this.features.add(feature);
            return this;
        }

        /** Runs request timeouts; without one, requests have none. */
        public Builder timer(ScheduledExecutorService timer) {
            this.timer = timer;
            return this;
        }

        /** Observes every request's end (metrics). */
        public Builder listener(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Follows every request from arrival to end (traces); {@link RequestTracer#NONE} by default. */
        public Builder tracer(RequestTracer tracer) {
            this.tracer = Objects.requireNonNull(tracer);
            return this;
        }

        public Builder settings(EngineSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        /** Input from the client: timeout of server-to-client requests, MRTR state key/TTL (default: random key). */
        public Builder inputSettings(InputSettings inputSettings) {
            this.inputSettings = Objects.requireNonNull(inputSettings);
            return this;
        }

        /** Called (on the connection's thread) after a legacy client sent {@code notifications/roots/list_changed}. */
        public Builder onRootsChanged(Consumer<McpSession> listener) {
            this.rootsChanged = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Turns the tasks extension on ({@code io.modelcontextprotocol/tasks}): task state in {@code store}, limits
         * from {@code settings}. Off by default.
         */
        public Builder tasks(dev.mcpws.tasks.TaskStore store, TaskSettings settings) {
            this.taskStore = Objects.requireNonNull(store, "store");
            this.taskSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Runs the tasks' housekeeping (lease renewals, TTLs, the watches that read the store); {@link #timer} when
         * not set. A shared store (Redis) that stops answering holds this thread for a command's timeout, so a server
         * gives it a thread of its own: request timeouts must not wait behind it.
         */
        public Builder taskTimer(ScheduledExecutorService taskTimer) {
            this.taskTimer = taskTimer;
            return this;
        }

        public McpEngine build() {
            if (inputSettings == null) {
                inputSettings = InputSettings.defaults();
            }
            return new McpEngine(this);
        }
    }

    /** The tasks extension, or null when it is off. */
    Tasks tasks() {
        return tasks;
    }

    /** The tasks extension's status changes, for features that push them; null when tasks are off. */
    public TaskEvents taskEvents() {
        return taskEvents;
    }

    /** Tasks this node runs now (0 when tasks are off). */
    public int runningTaskCount() {
        return tasks == null ? 0 : tasks.runningCount();
    }

    /**
     * The server stops (drain, undeploy): every task this node runs is failed with -32004 and its work cancelled, so
     * none stays {@code working}; new tasks are refused. Returns how many were running.
     */
    public int stopTasks() {
        if (tasks == null) {
            return 0;
        }
        int n = tasks.stop();
        if (n > 0) {
            Messages.TASKS_STOPPED.log(LOG, null, n);
        }
        return n;
    }

    /** The rule every transport decides a request's era by. */
    public EraRule eraRule() {
        return eraRule;
    }

    /** The method named {@code name}, or null. */
    public MethodSpec method(String name) {
        return methods.get(name);
    }

    InputSettings inputSettings() {
        return dispatcher.inputSettings();
    }

    Dispatcher dispatcher() {
        return dispatcher;
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
        return dispatcher.stallNanos();
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

    /**
     * One message from the client of {@code session}. Requests (and the errors of unreadable messages) are answered
     * through {@code channel}; notifications and responses need no answer.
     */
    public void onMessage(McpSession session, JsonRpcMessage message, RequestChannel channel) {
        if (message instanceof JsonRpcRequest r) {
            dispatcher.onRequest(session, r, channel);
        } else if (message instanceof JsonRpcNotification n) {
            onNotification(session, n);
        } else if (message instanceof JsonRpcResponse r) {
            onResponse(session, r);
        } else if (message instanceof JsonRpcBatch b) {
            onBatch(session, b, channel);
        } else if (message instanceof InvalidMessage m) {
            channel.respond(new JsonRpcError(m.id(), m.code(), m.reason()));
        }
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
                    Messages.ROOTS_OBSERVER_FAILED.log(LOG, e);
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

    /**
     * The answer to a JSON-RPC batch where none is accepted: anywhere but a session that negotiated 2025-03-26 (on
     * Streamable HTTP also a batch sent without a session, which is never silently accepted).
     */
    public static JsonRpcError batchRefused() {
        return new JsonRpcError(null, ErrorCodes.INVALID_REQUEST,
                "Invalid Request: JSON-RPC batches are only accepted in protocol version 2025-03-26");
    }

    /** A JSON-RPC batch: only in protocol 2025-03-26, whose responses go back as one array. */
    private void onBatch(McpSession session, JsonRpcBatch batch, RequestChannel channel) {
        McpSession.LegacyHandshake handshake = session.handshake();
        if (handshake == null || !ProtocolVersion.V2025_03_26.equals(handshake.protocolVersion())) {
            channel.respond(batchRefused());
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
        BatchChannel collector = new BatchChannel(channel, requests.size(), immediate);
        for (JsonRpcRequest r : requests) {
            dispatcher.onRequest(session, r, collector);
        }
    }
}
