package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.Principal;

/**
 * Everything a feature handler needs about one request: its params, the era and version it speaks, the client's
 * capabilities, and the helpers ({@link Progress}, {@link Cancellation}) that reach back to the client.
 * While a handler runs, {@link #current()} returns it on the worker thread.
 */
public final class RequestContext implements RequestInfo {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private final McpSession session;
    private final JsonRpcRequest request;
    private final MethodSpec spec;
    private final Era era;
    private final String protocolVersion;
    private final JsonObject clientCapabilities;
    private final JsonObject clientInfo;
    private final InFlight inFlight;
    private final Progress progress;
    private final EngineSettings settings;
    private final McpEngine engine;
    private final long startNanos = System.nanoTime();
    private volatile long timeoutMs;
    /** When the execution timeout in force started counting (the request's start, or the last {@link #timeoutMs(long)}). */
    private volatile long timeoutFromNanos = startNanos;
    /** Runs on the thread that read it: its timeout is watched by the dispatcher's watchdog, not a timer of its own. */
    volatile boolean inline;
    private volatile ClientInput input;
    private final java.util.concurrent.atomic.AtomicInteger notifications = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean knownTarget;
    /** Set once the request became a task ({@link #startTask()}). */
    private volatile TaskRun task;

    RequestContext(McpEngine engine, McpSession session, JsonRpcRequest request, MethodSpec spec, Era era,
                   String protocolVersion, JsonObject clientCapabilities, JsonObject clientInfo, InFlight inFlight,
                   EngineSettings settings) {
        this.engine = engine;
        this.spec = spec;
        this.settings = settings;
        this.timeoutMs = settings.requestTimeoutMs();
        this.session = session;
        this.request = request;
        this.era = era;
        this.protocolVersion = protocolVersion;
        this.clientCapabilities = clientCapabilities;
        this.clientInfo = clientInfo;
        this.inFlight = inFlight;
        JsonValue token = progressToken(request.meta(), settings.maxProgressTokenChars());
        this.progress = token == null ? NoProgress.INSTANCE : new ProgressReporter(token);
    }

    /**
     * The request's {@code _meta.progressToken}: absent (null), or a string of at most {@code maxChars} characters or
     * an integer (the spec's {@code ProgressToken = string | number}; a JSON-RPC id-like integer that fits a long).
     * Anything else is -32602: the token is repeated in every progress notification, so its size is bounded.
     */
    static JsonValue progressToken(JsonObject meta, int maxChars) {
        JsonValue token = meta.get(MetaKeys.PROGRESS_TOKEN);
        if (token == null) {
            return null;
        }
        if (token instanceof jakarta.json.JsonString s) {
            if (s.getString().length() > maxChars) {
                throw McpException.invalidParams("_meta.progressToken is longer than " + maxChars + " characters");
            }
            return token;
        }
        if (token instanceof jakarta.json.JsonNumber n) {
            try {
                n.bigDecimalValue().longValueExact(); // cheap for any exponent: it checks the precision first
                return token;
            } catch (ArithmeticException notAnInteger) {
                // falls through
            }
        }
        throw McpException.invalidParams("_meta.progressToken must be a string or an integer");
    }

    /** The context of the request the current thread serves, or null. */
    public static RequestContext current() {
        return CURRENT.get();
    }

    RequestContext bind() {
        CURRENT.set(this);
        return this;
    }

    static void unbind() {
        CURRENT.remove();
    }

    public McpSession session() {
        return session;
    }

    public RequestId id() {
        return request.id();
    }

    public String method() {
        return request.method();
    }

    public JsonObject params() {
        return request.params();
    }

    public Era era() {
        return era;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    /** True when the request speaks {@code version} or newer. */
    public boolean atLeast(String version) {
        return protocolVersion.compareTo(version) >= 0;
    }

    @Override
    public JsonObject clientCapabilities() {
        return clientCapabilities;
    }

    @Override
    public JsonObject clientInfo() {
        return clientInfo;
    }

    @Override
    public JsonObject meta() {
        return request.meta();
    }

    @Override
    public Principal principal() {
        return session.connection().principal();
    }

    @Override
    public String connectionId() {
        return session.id();
    }

    InFlight inFlight() {
        return inFlight;
    }

    long startNanos() {
        return startNanos;
    }

    MethodSpec spec() {
        return spec;
    }

    /** What the request acts on (a tool or prompt name, a resource URI), else empty. */
    public String target() {
        String t = spec.targetOf(request.params());
        return t == null ? "" : t;
    }

    /**
     * The target when it is safe as a metric tag, else empty: only names of the server's own tools and prompts (a
     * feature calls {@link #targetKnown()} once it found the definition); a name the client invented is {@code other},
     * so no client-chosen string becomes a label. URIs are never a tag.
     */
    String metricTarget() {
        if (spec.target() == null || !spec.target().bounded()) {
            return "";
        }
        String t = target();
        return t.isEmpty() ? "" : knownTarget ? t : OTHER;
    }

    /** The one metric bucket of every method or target name the server does not know. */
    public static final String OTHER = "other";

    /** The feature found what {@link #target()} names (a tool or prompt of this server): it may be a metric tag. */
    public void targetKnown() {
        knownTarget = true;
    }

    /** The execution timeout in force for this request, in ms (0 = none). */
    public long timeoutMs() {
        return timeoutMs;
    }

    /** Replaces the execution timeout of this request, counted from now (e.g. a tool's own timeout); 0 = none. */
    public void timeoutMs(long millis) {
        this.timeoutMs = millis;
        this.timeoutFromNanos = System.nanoTime();
        engine.dispatcher().timeout(this, millis);
    }

    long timeoutFromNanos() {
        return timeoutFromNanos;
    }

    /** True while this request is in flight: neither answered nor cancelled. Messages about it may only be sent then. */
    public boolean isActive() {
        return inFlight.isRunning();
    }

    public Cancellation cancellation() {
        return inFlight;
    }

    public Progress progress() {
        return progress;
    }

    /** Set by the engine for a 2026-07-28 request that may ask for input (MRTR answers of this round). */
    void input(ClientInput input) {
        this.input = input;
    }

    /** The input helpers of this request (created on first use unless the engine set MRTR answers). */
    ClientInput input() {
        ClientInput i = input;
        if (i == null) {
            synchronized (this) {
                if (input == null) {
                    // a 2026-07-28 request never gets a server-to-client request, whatever method it is
                    input = era == Era.MODERN ? ClientInput.modern(this, engine.inputSettings(), java.util.Map.of())
                            : ClientInput.legacy(this, engine.inputSettings());
                }
                i = input;
            }
        }
        return i;
    }

    // ------------------------------------------------------------------ tasks (io.modelcontextprotocol/tasks)

    /**
     * True when this request may become a task: tasks are on and the request declared the extension in its own
     * clientCapabilities (2026-07-28), or carries the {@code task} param (2025-11-25 experimental tasks).
     */
    public boolean tasksDeclared() {
        return engine.tasks() != null && Tasks.declared(this);
    }

    /** -32021 naming the tasks extension (for a method that can only run as a task). */
    public McpException tasksRequired() {
        if (era == Era.LEGACY) { // 2025-11-25: a tool that requires a task, called without one, is -32601
            return new McpException(dev.mcpws.protocol.ErrorCodes.METHOD_NOT_FOUND,
                    "Method not found: " + target() + " runs only as a task");
        }
        return Tasks.missingExtension(method());
    }

    /**
     * Turns this request into a task, when {@link #tasksDeclared()}: the client gets the {@code CreateTaskResult}
     * now, and what the handler returns (or throws) from here on becomes the task's result (or error). Input asked
     * from now on goes through the task ({@code input_required}, {@code tasks/update}); progress and log messages are
     * not sent (SEP-2663 has none for tasks). Returns true when the request is (now) a task; false when it cannot be
     * one (then it goes on as a plain request). Over a limit: -32008.
     */
    public boolean startTask() {
        if (task != null) {
            return true;
        }
        if (!tasksDeclared()) {
            return false;
        }
        synchronized (this) {
            if (task == null) {
                TaskRun run = engine.tasks().start(this);
                input().task(run);
                task = run;
            }
        }
        return true;
    }

    /** True once the request is a task. */
    public boolean isTask() {
        return task != null;
    }

    /** Sets the task's {@code statusMessage} (nothing when the request is no task, or the store is unreachable). */
    public void taskStatus(String message) {
        TaskRun t = task;
        if (t != null) {
            Tasks tasks = engine.tasks();
            try {
                tasks.store().update(t.id, r -> r.message(message, tasks.now()));
            } catch (dev.mcpws.tasks.TaskStore.UnavailableException e) {
                // a status message is a hint: dropped while the shared store cannot be reached
            }
        }
    }

    TaskRun task() {
        return task;
    }

    /** Pings the client (legacy era only) and returns the round trip. */
    public java.time.Duration pingClient() {
        if (era == Era.MODERN) {
            throw new IllegalStateException("2026-07-28 has no ping: the server cannot ping a stateless client");
        }
        long start = System.nanoTime();
        session.clientRequests().call("ping", jakarta.json.JsonValue.EMPTY_JSON_OBJECT,
                engine.inputSettings().clientRequestTimeoutMs(), inFlight, inFlight.channel);
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asks the user through the client (elicitation/create, or MRTR in 2026-07-28). */
    public dev.mcpws.api.Elicitation elicitation() {
        return input().elicitation;
    }

    /** Asks the client's LLM (sampling/createMessage, or MRTR in 2026-07-28). */
    public dev.mcpws.api.Sampling sampling() {
        return input().sampling;
    }

    /** The client's roots (roots/list, or MRTR in 2026-07-28). */
    public dev.mcpws.api.Roots roots() {
        return input().roots;
    }

    /** Adds {@code ttlMs} and {@code cacheScope} to a cacheable result when the request speaks 2026-07-28. */
    public JsonObjectBuilder cacheable(JsonObjectBuilder result) {
        return cacheable(result, false);
    }

    /**
     * Like {@link #cacheable(JsonObjectBuilder)}; {@code perCaller}: the result depends on who asks (e.g. on the
     * scopes of its token), so its {@code cacheScope} is {@code private} whatever the configured scope.
     */
    public JsonObjectBuilder cacheable(JsonObjectBuilder result, boolean perCaller) {
        if (era == Era.MODERN) {
            result.add("ttlMs", settings.listTtlMs()).add("cacheScope", perCaller ? "private" : settings.cacheScope());
        }
        return result;
    }

    /**
     * Sends a notification to this request's client (e.g. progress or a log message). A request that is not
     * long-lived sends at most {@code mcp.limits.max-notifications-per-request}; later ones are dropped, so one small
     * request cannot make the server send without end.
     */
    public void sendNotification(String method, JsonObject params) {
        if (inFlight.isCancelled() || task != null) {
            return;
        }
        if (!spec.longLived() && notifications.incrementAndGet() > settings.maxNotificationsPerRequest()) {
            return;
        }
        JsonRpcNotification n = new JsonRpcNotification(method, params);
        if (spec.longLived()) {
            inFlight.channel.notifyDetached(n); // a listen's notifications come from whoever changed something
        } else {
            inFlight.channel.notify(n);
        }
    }

    private enum NoProgress implements Progress {
        INSTANCE;

        @Override
        public boolean isRequested() {
            return false;
        }

        @Override
        public void report(double progress, Double total, String message) {
            // the client did not ask for progress
        }
    }

    private final class ProgressReporter implements Progress {
        private final JsonValue token;
        private double last = Double.NEGATIVE_INFINITY;

        ProgressReporter(JsonValue token) {
            this.token = token;
        }

        @Override
        public boolean isRequested() {
            return true;
        }

        @Override
        public synchronized void report(double value, Double total, String message) {
            if (!(value > last)) {
                return;
            }
            last = value;
            JsonObjectBuilder p = Json2.object().add("progressToken", token).add("progress", value);
            if (total != null) {
                p.add("total", total);
            }
            if (message != null && atLeast(dev.mcpws.protocol.ProtocolVersion.V2025_03_26)) {
                p.add("message", message);
            }
            sendNotification("notifications/progress", p.build());
        }
    }
}
