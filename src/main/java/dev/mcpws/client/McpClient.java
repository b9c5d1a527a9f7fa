package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * An MCP client over WebSocket that survives restarts, network cuts and idle timeouts.
 *
 * <pre>{@code
 * try (McpClient client = McpClient.builder("ws://localhost:9080/mcp").build()) {
 *     client.connect();
 *     ToolCallResult r = client.callTool("echo", Map.of("message", "hi"));
 * }
 * }</pre>
 *
 * <p>{@link #connect()} opens the socket and finds the era: it probes {@code server/discover} (a result or a modern
 * error means 2026-07-28, anything else means the legacy {@code initialize} handshake), unless {@link Builder#era}
 * pins one. After a lost connection it reconnects by its {@link ReconnectPolicy}, makes a new session, re-subscribes,
 * and re-sends in-flight requests the {@link ReplayPolicy} calls safe; the others fail with
 * {@link ConnectionLostException}. The synchronous methods throw {@link McpClientException}s; the {@code ...Async}
 * ones return futures whose cancellation sends {@code notifications/cancelled}. Thread-safe.
 */
public final class McpClient implements AutoCloseable {

    private final ClientCore core;

    private McpClient(Builder cfg) {
        this.core = new ClientCore(cfg);
    }

    public static Builder builder(String url) {
        return builder(URI.create(url));
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    // ------------------------------------------------------------------ connection

    /**
     * Opens the connection and the MCP session; returns what the server said of itself. One attempt: a server that
     * cannot be reached fails here (later drops are retried by the reconnect policy).
     */
    public ServerDescription connect() {
        return core.connect();
    }

    /** What the server said of itself in the current (or last) session. */
    public ServerDescription server() {
        return core.server();
    }

    /** The era in use (after {@link #connect()}). */
    public ProtocolEra era() {
        ServerDescription s = core.server();
        return s == null ? null : s.era();
    }

    /** True while a session is established (false during a reconnect). */
    public boolean isConnected() {
        return core.ready();
    }

    /** The round-trip time of the last answered heartbeat ping, or null. */
    public Duration lastRoundTrip() {
        return core.socket.lastRoundTrip();
    }

    /** Closes the socket with 1000; requests still open fail with {@link ConnectionLostException}. */
    @Override
    public void close() {
        core.close();
    }

    // ------------------------------------------------------------------ tools

    /** Every tool, following cursors. Also remembers their annotations for the {@link ReplayPolicy}. */
    public List<ToolInfo> listTools() {
        return await(listToolsAsync());
    }

    public CompletableFuture<List<ToolInfo>> listToolsAsync() {
        return core.restorer.listTools();
    }

    public ToolCallResult callTool(String name, Map<String, ?> arguments) {
        return await(callToolAsync(name, arguments, null));
    }

    public McpFuture<ToolCallResult> callToolAsync(String name, Map<String, ?> arguments) {
        return callToolAsync(name, arguments, null);
    }

    /** Calls a tool; {@code onProgress} (may be null) gets its progress notifications. */
    public McpFuture<ToolCallResult> callToolAsync(String name, Map<String, ?> arguments,
            Consumer<ProgressUpdate> onProgress) {
        JsonObject params = Json2.object().add("name", name).add("arguments", JsonValues.object(arguments)).build();
        return core.table.request("tools/call", params, ToolCallResult::from, onProgress);
    }

    /** The tasks extension of 2026-07-28 (SEP-2663). */
    static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";

    /**
     * Calls a tool as a task where the server makes it one (2026-07-28, {@code io.modelcontextprotocol/tasks}: the
     * call declares the extension for itself), then follows the task with {@code tasks/get} (every
     * {@code pollIntervalMs} the server suggests, 100 ms to 5 s) until it ends. The call itself is answered at once,
     * so a long non-idempotent call no longer dies with its connection: a drop while following only delays the next
     * read (reads are repeated after a reconnect; the server lets the new connection read the task when it belongs to
     * the caller's principal, see the server's "Tasks"). A server or tool that does not make it a task gives the plain
     * result. A failed task throws {@link McpErrorException} (its JSON-RPC error), a cancelled one
     * {@link McpClientException}; past {@code timeout} {@link RequestTimeoutException} (the task is left running).
     */
    public ToolCallResult callToolAsTask(String name, Map<String, ?> arguments, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject first = await(core.table.request("tools/call", withTasks(Json2.object().add("name", name)
                .add("arguments", JsonValues.object(arguments)))));
        if (!"task".equals(Json2.stringOrNull(first, "resultType"))) {
            return ToolCallResult.from(first);
        }
        String taskId = first.getString("taskId");
        JsonObject task = first;
        while (true) {
            switch (String.valueOf(Json2.stringOrNull(task, "status"))) {
                case "completed":
                    return ToolCallResult.from(Json2.object(task, "result"));
                case "failed": {
                    JsonObject e = Json2.object(task, "error");
                    throw new McpErrorException(e.getInt("code", -32603), e.getString("message", "task failed"), e.get("data"));
                }
                case "cancelled":
                    throw new McpClientException("Task " + taskId + " was cancelled");
                default:
                    break;
            }
            long wait = Math.min(5_000, Math.max(100, task.getJsonNumber("pollIntervalMs") == null ? 1_000
                    : task.getJsonNumber("pollIntervalMs").longValue()));
            if (System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(wait) > deadline) {
                throw new RequestTimeoutException("Task " + taskId + " did not end within " + timeout);
            }
            try {
                Thread.sleep(wait); // the server's pollIntervalMs: the protocol's own pace for reading a task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpClientException("Interrupted while following task " + taskId, e);
            }
            try {
                task = await(core.table.request("tasks/get", withTasks(Json2.object().add("taskId", taskId))));
            } catch (ConnectionLostException | RequestTimeoutException e) {
                // the connection dropped while reading: read again on the next one (the task goes on)
            } catch (McpErrorException e) {
                if (e.code() != dev.mcpws.protocol.ErrorCodes.TASK_STORE_UNAVAILABLE) {
                    throw e;
                }
                // the cluster's task store is unreachable for a moment: the task goes on; read again
            }
        }
    }

    /** Params that declare the tasks extension for this one request. */
    private static JsonObject withTasks(jakarta.json.JsonObjectBuilder params) {
        return params.add("_meta", Json2.object().add("io.modelcontextprotocol/clientCapabilities", Json2.object()
                .add("extensions", Json2.object().add(TASKS_EXTENSION, JsonValue.EMPTY_JSON_OBJECT)))).build();
    }

    // ------------------------------------------------------------------ resources

    public List<ResourceInfo> listResources() {
        return await(core.table.listAll("resources/list", "resources", ResourceInfo::resource));
    }

    public List<ResourceInfo> listResourceTemplates() {
        return await(core.table.listAll("resources/templates/list", "resourceTemplates", ResourceInfo::template));
    }

    public ResourceContents readResource(String uri) {
        return await(readResourceAsync(uri));
    }

    public McpFuture<ResourceContents> readResourceAsync(String uri) {
        return core.table.request("resources/read", Json2.object().add("uri", uri).build(), ResourceContents::from, null);
    }

    /**
     * Subscribes to a resource: {@code onUpdated} gets its URI on every {@code notifications/resources/updated}.
     * Legacy: {@code resources/subscribe}; 2026-07-28: the client's {@code subscriptions/listen} is re-opened with the
     * URI added. Kept across reconnects.
     */
    public void subscribe(String uri, Consumer<String> onUpdated) {
        Objects.requireNonNull(onUpdated, "onUpdated");
        await(core.subscriptions.subscribe(uri, onUpdated));
    }

    public void unsubscribe(String uri) {
        await(core.subscriptions.unsubscribe(uri));
    }

    // ------------------------------------------------------------------ prompts and completion

    public List<PromptInfo> listPrompts() {
        return await(core.table.listAll("prompts/list", "prompts", PromptInfo::from));
    }

    public PromptResult getPrompt(String name, Map<String, String> arguments) {
        JsonObject params = Json2.object().add("name", name).add("arguments", JsonValues.object(arguments)).build();
        return await(core.table.request("prompts/get", params, PromptResult::from, null));
    }

    /** {@code completion/complete} of a prompt argument; {@code context} (may be null) holds arguments already chosen. */
    public Completion completePrompt(String prompt, String argument, String value, Map<String, String> context) {
        return complete(Json2.object().add("type", "ref/prompt").add("name", prompt).build(), argument, value, context);
    }

    /** {@code completion/complete} of a resource template variable. */
    public Completion completeResourceTemplate(String uriTemplate, String variable, String value,
            Map<String, String> context) {
        return complete(Json2.object().add("type", "ref/resource").add("uri", uriTemplate).build(), variable, value, context);
    }

    private Completion complete(JsonObject ref, String argument, String value, Map<String, String> context) {
        JsonObjectBuilder params = Json2.object().add("ref", ref)
                .add("argument", Json2.object().add("name", argument).add("value", value));
        if (context != null && !context.isEmpty()) {
            params.add("context", Json2.object().add("arguments", JsonValues.object(context)));
        }
        return await(core.table.request("completion/complete", params.build(), Completion::from, null));
    }

    // ------------------------------------------------------------------ logging, roots, anything else

    /**
     * The lowest level of {@code notifications/message} the client wants (debug, info, notice, warning, error...).
     * Legacy: {@code logging/setLevel} now and after every reconnect; 2026-07-28: sent in each request's {@code _meta}.
     */
    public void setLogLevel(String level) {
        core.probe.logLevel(level);
        if (era() == ProtocolEra.LEGACY) {
            await(core.table.request("logging/setLevel", Json2.object().add("level", level).build()));
        }
    }

    /** Tells a legacy server that the roots changed ({@code notifications/roots/list_changed}). */
    public void rootsChanged() {
        if (era() == ProtocolEra.LEGACY) {
            core.table.send(new JsonRpcNotification("notifications/roots/list_changed",
                    JsonValue.EMPTY_JSON_OBJECT));
        }
    }

    /** Any request, for methods without a typed operation; the result as sent (input rounds already answered). */
    public McpFuture<JsonObject> request(String method, JsonObject params) {
        return core.table.request(method, params);
    }

    private static <T> T await(CompletableFuture<T> f) {
        return Futures.await(f);
    }

    // ------------------------------------------------------------------ the builder

    /** Configures a client; every setting has a default. */
    public static final class Builder {
        final URI uri;
        final Map<String, String> headers = new LinkedHashMap<>();
        Supplier<String> bearerToken;
        boolean tokenInSubprotocol;
        SSLContext sslContext;
        boolean insecure;
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration requestTimeout = Duration.ofSeconds(60);
        ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        Heartbeat heartbeat = Heartbeat.DEFAULT;
        ProtocolEra era = ProtocolEra.AUTO;
        ReplayPolicy replay = ReplayPolicy.SAFE;
        String clientName = "mcp-websocket-client";
        String clientVersion = "0.1.0";
        ClientRequestHandler elicitation;
        ClientRequestHandler sampling;
        Supplier<List<Root>> roots;
        McpClientListener listener = new McpClientListener() { };
        Executor callbackExecutor;
        WebSocketContainer container;
        int maxMessageBytes;
        TracePropagation tracePropagation = TracePropagation.automatic();

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** A header sent on every WebSocket upgrade (e.g. a tenant id). */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** {@code Authorization: Bearer <token>} on every upgrade; asked again on each (re)connect. */
        public Builder bearerToken(Supplier<String> token) {
            this.bearerToken = token;
            return this;
        }

        /**
         * Sends the {@link #bearerToken} as the subprotocol {@code mcp.auth.<base64url token>} offered next to
         * {@code mcp} (SEP-1288: how a browser, which cannot set headers, sends it) instead of {@code Authorization}.
         * The server never selects it; the socket's subprotocol is {@code mcp}.
         */
        public Builder tokenInSubprotocol(boolean inSubprotocol) {
            this.tokenInSubprotocol = inSubprotocol;
            return this;
        }

        /** TLS for wss:// (Java SE with Tyrus; inside Liberty the server's SSL configuration applies). */
        public Builder sslContext(SSLContext ssl) {
            this.sslContext = ssl;
            return this;
        }

        /** Trust any certificate and host name: for a development keystore only. */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** How long a request may wait for its answer (incl. waiting for a reconnect); zero for no limit. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d);
            return this;
        }

        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy);
            return this;
        }

        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat);
            return this;
        }

        /** Pin an era instead of probing. */
        public Builder era(ProtocolEra era) {
            this.era = Objects.requireNonNull(era);
            return this;
        }

        public Builder replay(ReplayPolicy policy) {
            this.replay = Objects.requireNonNull(policy);
            return this;
        }

        public Builder clientInfo(String name, String version) {
            this.clientName = Objects.requireNonNull(name);
            this.clientVersion = Objects.requireNonNull(version);
            return this;
        }

        /** Answers {@code elicitation/create}; declares the elicitation capability (form and url). */
        public Builder onElicitation(ClientRequestHandler handler) {
            this.elicitation = handler;
            return this;
        }

        /** Answers {@code sampling/createMessage}; declares the sampling capability. */
        public Builder onSampling(ClientRequestHandler handler) {
            this.sampling = handler;
            return this;
        }

        /** Answers {@code roots/list}; declares the roots capability. */
        public Builder roots(Supplier<List<Root>> roots) {
            this.roots = roots;
            return this;
        }

        public Builder listener(McpClientListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Also fire {@link McpClientEvent}s (disconnected, reconnected, gave up) as CDI events of the application
         * building the client; call it on an application thread, after {@link #listener}.
         */
        public Builder cdiEvents() {
            this.listener = new CdiEvents(uri, listener);
            return this;
        }

        /** Where the handlers and subscription callbacks run (default: a cached pool of daemon threads). */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /** The WebSocket container (default: {@code ContainerProvider.getWebSocketContainer()}). */
        public Builder container(WebSocketContainer container) {
            this.container = container;
            return this;
        }

        /** The largest message accepted from the server (default 16 MiB). */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Where each request's trace context comes from; it goes into {@code params._meta} ({@code traceparent}, ...).
         * Default {@link TracePropagation#automatic()}: OpenTelemetry's current context when its API is on the class
         * path. {@link TracePropagation#NONE} turns it off; any other tracer can supply its own W3C entries.
         */
        public Builder tracePropagation(TracePropagation propagation) {
            this.tracePropagation = Objects.requireNonNull(propagation);
            return this;
        }

        public McpClient build() {
            return new McpClient(this);
        }
    }
}
