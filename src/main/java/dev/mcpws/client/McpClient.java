package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final AtomicInteger CALLBACK_THREADS = new AtomicInteger();

    private final Builder cfg;
    private final ClientCore core;
    private final ExecutorService ownCallbacks;

    private McpClient(Builder cfg) {
        this.cfg = cfg;
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
        WebSocketSettings socket = new WebSocketSettings(cfg.uri, cfg.headers, cfg.bearerToken, cfg.sslContext,
                cfg.insecure, cfg.connectTimeout, cfg.reconnect, cfg.heartbeat, cfg.maxMessageBytes, cfg.container);
        this.core = new ClientCore(cfg, socket, callbacks);
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
        try {
            core.socket.start(false);
        } catch (IOException e) {
            close();
            throw new McpClientException("Cannot connect to " + cfg.uri + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new McpClientException("connect() was already called", e);
        }
        try {
            return core.firstSession().get(cfg.connectTimeout.plus(cfg.requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new McpClientException("No MCP session with " + cfg.uri + " within the timeouts", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new McpClientException("Interrupted while connecting", e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = ClientCore.unwrap(e);
            throw cause instanceof McpClientException m ? m : new McpClientException(cause.getMessage(), cause);
        }
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
        core.shutDown(new McpClientException("The MCP client was closed"));
        if (ownCallbacks != null) {
            ownCallbacks.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ tools

    /** Every tool, following cursors. Also remembers their annotations for the {@link ReplayPolicy}. */
    public List<ToolInfo> listTools() {
        return await(listToolsAsync());
    }

    public CompletableFuture<List<ToolInfo>> listToolsAsync() {
        return core.listAll("tools/list", "tools", ToolInfo::from).thenApply(list -> {
            core.tools.clear();
            list.forEach(t -> core.tools.put(t.name(), t));
            return list;
        });
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
        return core.request("tools/call", params, ToolCallResult::from, onProgress);
    }

    // ------------------------------------------------------------------ resources

    public List<ResourceInfo> listResources() {
        return await(core.listAll("resources/list", "resources", ResourceInfo::resource));
    }

    public List<ResourceInfo> listResourceTemplates() {
        return await(core.listAll("resources/templates/list", "resourceTemplates", ResourceInfo::template));
    }

    public ResourceContents readResource(String uri) {
        return await(readResourceAsync(uri));
    }

    public McpFuture<ResourceContents> readResourceAsync(String uri) {
        return core.request("resources/read", Json2.object().add("uri", uri).build(), ResourceContents::from, null);
    }

    /**
     * Subscribes to a resource: {@code onUpdated} gets its URI on every {@code notifications/resources/updated}.
     * Legacy: {@code resources/subscribe}; 2026-07-28: the client's {@code subscriptions/listen} is re-opened with the
     * URI added. Kept across reconnects.
     */
    public void subscribe(String uri, Consumer<String> onUpdated) {
        Objects.requireNonNull(onUpdated, "onUpdated");
        core.subscriptions.put(uri, onUpdated);
        if (era() == ProtocolEra.MODERN) {
            await(acknowledged(core.openListen()));
        } else {
            await(core.request("resources/subscribe", Json2.object().add("uri", uri).build(), x -> x, null));
        }
    }

    public void unsubscribe(String uri) {
        if (core.subscriptions.remove(uri) == null) {
            return;
        }
        if (era() == ProtocolEra.MODERN) {
            await(acknowledged(core.openListen()));
        } else {
            await(core.request("resources/unsubscribe", Json2.object().add("uri", uri).build(), x -> x, null));
        }
    }

    /** A listen's acknowledgement, bounded by the request timeout (the listen itself has none). */
    private CompletableFuture<Void> acknowledged(CompletableFuture<Void> ack) {
        return cfg.requestTimeout.isZero() ? ack : ack.orTimeout(cfg.requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    if (ClientCore.unwrap(e) instanceof TimeoutException) {
                        throw new RequestTimeoutException("subscriptions/listen was not acknowledged within "
                                + cfg.requestTimeout.toMillis() + " ms");
                    }
                    throw e instanceof RuntimeException r ? r : new McpClientException(e.getMessage(), e);
                });
    }

    // ------------------------------------------------------------------ prompts and completion

    public List<PromptInfo> listPrompts() {
        return await(core.listAll("prompts/list", "prompts", PromptInfo::from));
    }

    public PromptResult getPrompt(String name, Map<String, String> arguments) {
        JsonObject params = Json2.object().add("name", name).add("arguments", JsonValues.object(arguments)).build();
        return await(core.request("prompts/get", params, PromptResult::from, null));
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
        return await(core.request("completion/complete", params.build(), r -> {
            JsonObject c = Json2.object(r, "completion");
            jakarta.json.JsonArray array = Json2.arrayOrNull(c, "values");
            List<String> values = array == null ? List.of() : array.stream().filter(JsonString.class::isInstance)
                    .map(v -> ((JsonString) v).getString()).toList();
            Integer total = c.get("total") instanceof jakarta.json.JsonNumber n ? n.intValue() : null;
            return new Completion(values, total, c.get("hasMore") == JsonValue.TRUE);
        }, null));
    }

    // ------------------------------------------------------------------ logging, roots, anything else

    /**
     * The lowest level of {@code notifications/message} the client wants (debug, info, notice, warning, error...).
     * Legacy: {@code logging/setLevel} now and after every reconnect; 2026-07-28: sent in each request's {@code _meta}.
     */
    public void setLogLevel(String level) {
        core.logLevel = level;
        if (era() == ProtocolEra.LEGACY) {
            await(core.request("logging/setLevel", Json2.object().add("level", level).build(), x -> x, null));
        }
    }

    /** Tells a legacy server that the roots changed ({@code notifications/roots/list_changed}). */
    public void rootsChanged() {
        if (era() == ProtocolEra.LEGACY) {
            core.socket.send(new dev.mcpws.protocol.JsonRpcNotification("notifications/roots/list_changed",
                    JsonValue.EMPTY_JSON_OBJECT));
        }
    }

    /** Any request, for methods without a typed operation; the result as sent (input rounds already answered). */
    public McpFuture<JsonObject> request(String method, JsonObject params) {
        return core.request(method, params, x -> x, null);
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new McpClientException("Interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = ClientCore.unwrap(e);
            if (cause instanceof McpClientException m) {
                throw m;
            }
            throw new McpClientException(cause.getMessage(), cause);
        }
    }

    // ------------------------------------------------------------------ the builder

    /** Configures a client; every setting has a default. */
    public static final class Builder {
        final URI uri;
        final Map<String, String> headers = new LinkedHashMap<>();
        Supplier<String> bearerToken;
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

        public McpClient build() {
            return new McpClient(this);
        }
    }
}
