package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.mcpws.diagnostics.Messages;
import java.util.logging.Logger;

/**
 * The life of one request: its era (by the {@link EraRule}), the checks of that era, the method's limits, the run on
 * the executor, the execution timeout, and the one answer (or none, when it was cancelled) through its channel.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    private final McpEngine engine;
    private final Map<String, MethodSpec> methods;
    private final EraRule eraRule;
    private final CoreMethods core;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final EngineListener listener;
    private final RequestTracer tracer;
    private final EngineSettings settings;
    private final InputSettings inputSettings;
    private final JsonObject modernResultMeta;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile long lastStartNanos = System.nanoTime();

    Dispatcher(McpEngine engine, Map<String, MethodSpec> methods, EraRule eraRule, CoreMethods core,
               McpEngine.Builder b) {
        this.engine = engine;
        this.methods = methods;
        this.eraRule = eraRule;
        this.core = core;
        this.executor = b.executor;
        this.timer = b.timer;
        this.listener = b.listener;
        this.tracer = b.tracer;
        this.settings = b.settings;
        this.inputSettings = b.inputSettings;
        this.modernResultMeta = Json2.object()
                .add(MetaKeys.SERVER_INFO, b.serverInfo.implementation(ProtocolVersion.LATEST)).build();
    }

    InputSettings inputSettings() {
        return inputSettings;
    }

    long stallNanos() {
        return submitted.get() > started.get() ? System.nanoTime() - lastStartNanos : 0;
    }

    void onRequest(McpSession session, JsonRpcRequest request, RequestChannel channel) {
        long start = System.nanoTime();
        Traced traced = tracer == RequestTracer.NONE ? Traced.NONE : Traced.of(tracer.start(arrival(session, request)));
        try {
            dispatch(session, request, channel, traced);
        } catch (McpException e) {
            channel.respond(new JsonRpcError(request.id(), e.code(), e.getMessage(), e.data()));
            listener.requestEnded(metricMethod(request.method()), "", null, "error_" + e.code(), System.nanoTime() - start);
            traced.end("error_" + e.code(), e.code(), e.getMessage());
        }
    }

    /** What the tracer is told when a request arrives: its method and what it acts on, by the method's spec. */
    private RequestTracer.Arrival arrival(McpSession session, JsonRpcRequest request) {
        MethodSpec spec = methods.get(request.method());
        return new RequestTracer.Arrival(request.method(), request.id(), spec == null ? null : spec.target(),
                spec == null ? null : spec.targetOf(request.params()), session.connection().transport(), request.meta());
    }

    /** The method as a metric tag: a method of this server, else {@code other} (clients choose the names they send). */
    String metricMethod(String method) {
        return methods.containsKey(method) || "initialize".equals(method) ? method : RequestContext.OTHER;
    }

    private void dispatch(McpSession session, JsonRpcRequest request, RequestChannel channel, Traced traced) {
        String method = request.method();
        McpSession.LegacyHandshake handshake = session.handshake();
        Era era = eraRule.decide(request, handshake != null, channel.declaredVersion());
        if (era == Era.LEGACY) {
            if ("initialize".equals(method)) {
                long start = System.nanoTime();
                channel.respond(new JsonRpcResult(request.id(), core.initialize(session, request)));
                listener.requestEnded(method, "", Era.LEGACY, "ok", System.nanoTime() - start);
                traced.served(session.handshake().protocolVersion(), session.id());
                traced.end("ok", null, null);
                return;
            }
            MethodSpec spec = route(method, Era.LEGACY);
            String version = handshake == null ? ProtocolVersion.LATEST_LEGACY : handshake.protocolVersion();
            JsonObject caps = handshake == null ? JsonValue.EMPTY_JSON_OBJECT : handshake.clientCapabilities();
            JsonObject info = handshake == null ? JsonValue.EMPTY_JSON_OBJECT : handshake.clientInfo();
            traced.served(version, handshake == null ? null : session.id());
            run(new RequestContext(engine, session, request, spec, Era.LEGACY, version, caps, info,
                    new InFlight(request.id(), spec, channel, traced), settings));
            return;
        }
        // 2026-07-28: everything this request needs is in its own _meta
        JsonObject meta = request.meta();
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
                            + " (protocol 2026-07-28; clients of 2025-11-25 and older send initialize first)",
                    Json2.object().add("missing", names).build());
        }
        String requested = ((JsonString) version).getString();
        if (!ProtocolVersion.isModern(requested)) {
            throw McpException.unsupportedVersion("Unsupported protocol version", requested);
        }
        traced.served(requested, null);
        MethodSpec spec = route(method, Era.MODERN);
        JsonObject info = meta.get(MetaKeys.CLIENT_INFO) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        RequestContext ctx = new RequestContext(engine, session, request, spec, Era.MODERN, requested, (JsonObject) caps,
                info, new InFlight(request.id(), spec, channel, traced), settings);
        if (spec.takesInput()) {
            ctx.input(ClientInput.modern(ctx, inputSettings, ClientInput.roundAnswers(request.params(), method,
                    RequestStates.principalName(session.connection().principal()), inputSettings.states())));
        }
        run(ctx);
    }

    private MethodSpec route(String method, Era era) {
        MethodSpec spec = methods.get(method);
        if (spec == null || !spec.existsIn(era)) {
            throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method);
        }
        return spec;
    }

    private void run(RequestContext ctx) {
        McpSession session = ctx.session();
        InFlight inFlight = ctx.inFlight();
        // one admission at a time per connection: requests of a legacy HTTP session arrive on many threads at once,
        // and a count checked apart from the insert let a burst past mcp.limits.max-in-flight
        synchronized (session.inFlight()) {
            if (!inFlight.longLived && session.inFlightCount() >= settings.maxInFlight()) {
                throw new McpException(ErrorCodes.TOO_MANY_REQUESTS, "Too many requests in flight on this connection (limit "
                        + settings.maxInFlight() + "); wait for some to finish");
            }
            if (session.inFlight().putIfAbsent(ctx.id(), inFlight) != null) {
                throw new McpException(ErrorCodes.DUPLICATE_REQUEST_ID,
                        "Request id " + ctx.id() + " is already in flight on this connection");
            }
        }
        if (!inFlight.longLived && settings.inlineBudgetMs() > 0 && ctx.spec().inline().test(ctx.params())) {
            runInline(ctx, inFlight);
            return;
        }
        if (!inFlight.longLived) {
            // armed before the work can start: a method that sets its own timeout (a tool's timeoutMs) replaces it
            timeout(ctx, settings.requestTimeoutMs());
        }
        try {
            WorkShare share = session.workShare(settings.maxRunningPerConnection());
            share.submit(() -> toPool(ctx, inFlight, share), () -> refused(ctx, inFlight));
        } catch (RejectedExecutionException e) {
            inFlight.complete(); // stops its timer
            session.inFlight().remove(ctx.id(), inFlight);
            throw new McpException(ErrorCodes.SHUTTING_DOWN, "The server is not accepting work");
        }
    }

    /** A request that waited for its connection's share and then found the pool shut down: answered -32004. */
    private void refused(RequestContext ctx, InFlight inFlight) {
        if (!inFlight.complete()) {
            return; // cancelled or timed out meanwhile: already ended
        }
        ctx.session().inFlight().remove(ctx.id(), inFlight);
        String message = "The server is not accepting work";
        inFlight.channel.respond(new JsonRpcError(ctx.id(), ErrorCodes.SHUTTING_DOWN, message));
        ended(ctx, "error_" + ErrorCodes.SHUTTING_DOWN);
        inFlight.traced.end("error_" + ErrorCodes.SHUTTING_DOWN, ErrorCodes.SHUTTING_DOWN, message);
    }

    /**
     * Hands a request to the worker pool (now, or when its connection's {@link WorkShare} has room); its worker gives
     * the share back when it leaves. Only what reached the pool counts as waiting for a worker (the stall check).
     */
    private void toPool(RequestContext ctx, InFlight inFlight, WorkShare share) {
        // done() runs once however the task ends: run, failed, or cancelled before or while it ran (a request cancelled
        // while it waited for the share is cancelled here before it runs, and still gives its slot on)
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        // the slot is given back once: when the work leaves its worker, or earlier when the request became a task
        // (a task is bounded by mcp.tasks.max-live-per-caller, not by its connection's share)
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                share.done();
            }
        };
        inFlight.releaseShare(release);
        FutureTask<Void> task = new FutureTask<>(() -> {
            ran.set(true);
            started.incrementAndGet();
            lastStartNanos = System.nanoTime();
            execute(ctx, inFlight);
        }, null) {
            @Override
            protected void done() {
                if (!ran.get()) {
                    started.incrementAndGet(); // cancelled before a worker took it: it no longer waits for one
                }
                release.run();
            }
        };
        submitted.incrementAndGet();
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            submitted.decrementAndGet();
            throw e;
        }
        inFlight.future(task);
    }

    /**
     * Runs a short, non-blocking request on this thread (the one that read it), without the hop to the pool: it takes
     * no slot of its connection's share and no worker, and is admitted, timed, cancelled and answered like any other.
     * Guard against one that is not short after all: its execution timeout still fires (the client gets -32003 and
     * this thread is interrupted, as a worker would be; the interrupt is cleared before the thread goes back to the
     * container), and one that ran past {@code mcp.dispatch.inline-budget-ms} demotes its method (or tool) to the
     * pool for good, logged once ({@code Messages.INLINE_TOO_SLOW}).
     */
    private void runInline(RequestContext ctx, InFlight inFlight) {
        FutureTask<Void> task = new FutureTask<>(() -> execute(ctx, inFlight), null);
        inFlight.future(task); // a cancel or a timeout interrupts this thread while the request runs, and only then
        long start = System.nanoTime();
        // no timer of its own while it runs here (scheduling and cancelling one per request woke the timer thread
        // whenever its queue was empty): the watchdog looks at the inline runs every WATCH_MS while there are any
        ctx.inline = true;
        inlineRuns.add(ctx);
        armWatch();
        try {
            task.run();
        } finally {
            inlineRuns.remove(ctx);
            ctx.inline = false;
        }
        long took = System.nanoTime() - start;
        if (task.isCancelled()) {
            Thread.interrupted(); // ours (FutureTask delivered it before run() returned): not the container's
        }
        if (took > TimeUnit.MILLISECONDS.toNanos(settings.inlineBudgetMs())) {
            demote(ctx, took);
        }
        if (inFlight.isRunning()) {
            // the handler returned a stage that completes later: from here on it is timed like any other request
            long left = ctx.timeoutMs() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ctx.timeoutFromNanos());
            if (ctx.timeoutMs() > 0) {
                timeout(ctx, Math.max(1, left));
            }
        }
    }

    /** Demotes the method or tool of an inline request that ran {@code took} ns, past the budget (logged once). */
    private void demote(RequestContext ctx, long took) {
        String demoted = ctx.spec().inline().demote(ctx.params());
        if (demoted != null) {
            Messages.INLINE_TOO_SLOW.log(LOG, null, demoted, TimeUnit.NANOSECONDS.toMillis(took), settings.inlineBudgetMs());
        }
    }

    /** How often the watchdog looks at the requests running inline (their execution timeouts), in ms. */
    static final long WATCH_MS = 50;

    /** Requests running inline now (on the threads that read them). */
    private final java.util.Set<RequestContext> inlineRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** True while a look of the watchdog is scheduled: one at a time, and none while nothing runs inline. */
    private final java.util.concurrent.atomic.AtomicBoolean watchArmed = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Schedules the watchdog's next look in {@link #WATCH_MS} unless one is scheduled. Under load the flag is set
     * nearly always (a volatile read per inline request); an idle engine schedules nothing and wakes no thread.
     */
    private void armWatch() {
        if (timer == null || watchArmed.get() || !watchArmed.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.schedule(this::watchInline, WATCH_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            watchArmed.set(false);
            LOG.fine("Inline watchdog not armed: the timer is shut down");
        }
    }

    /**
     * The watchdog of the inline runs: expires those past their execution timeout (the client gets -32003, the
     * thread is interrupted) without a timer per request, and demotes the method or tool of one still running past
     * the inline budget (its next requests hop while it is stuck). Looks every {@link #WATCH_MS} on the engine's
     * timer while there are inline runs; a run that starts while it looks arms the next look itself, and one still
     * running when it has looked is looked at again.
     */
    private void watchInline() {
        watchArmed.set(false); // from here on, a run that starts schedules the next look
        if (inlineRuns.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long budget = TimeUnit.MILLISECONDS.toNanos(settings.inlineBudgetMs());
        try {
            for (RequestContext ctx : inlineRuns) {
                if (now - ctx.startNanos() > budget) {
                    // still running past the budget: the next requests of its method or tool hop, without waiting
                    demote(ctx, now - ctx.startNanos());
                }
                long ms = ctx.timeoutMs();
                if (ms > 0 && now - ctx.timeoutFromNanos() >= TimeUnit.MILLISECONDS.toNanos(ms)) {
                    expire(ctx);
                }
            }
        } finally {
            if (!inlineRuns.isEmpty()) {
                armWatch();
            }
        }
    }

    /** (Re)arms the execution timeout of a request; 0 disarms it. An inline run's is the watchdog's. */
    void timeout(RequestContext ctx, long millis) {
        InFlight inFlight = ctx.inFlight();
        if (timer == null || ctx.inline) {
            return;
        }
        if (millis <= 0) {
            inFlight.timeout(CompletableFuture.completedFuture(null));
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
        String message = "Request timed out after " + ctx.timeoutMs() + " ms and was cancelled";
        inFlight.channel.respond(new JsonRpcError(ctx.id(), ErrorCodes.REQUEST_TIMEOUT, message));
        ended(ctx, "timeout");
        inFlight.traced.end("timeout", ErrorCodes.REQUEST_TIMEOUT, message);
    }

    private void execute(RequestContext ctx, InFlight inFlight) {
        if (inFlight.isCancelled()) {
            return;
        }
        CompletionStage<JsonObject> stage;
        ctx.bind();
        try (RequestTrace.Scope scope = inFlight.traced.enter()) {
            stage = ctx.spec().handler().handle(ctx);
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
        if (ctx.task() != null) {
            engine.tasks().finish(ctx, result, error); // the request was answered (CreateTaskResult); this is the task's
            return;
        }
        if (!inFlight.complete()) {
            if (!"timeout".equals(inFlight.reason())) {
                ended(ctx, "cancelled");
                inFlight.traced.end("cancelled", null, null);
            }
            return; // cancelled or timed out: the client gets nothing (more)
        }
        // the id is free before the answer can reach the client (a client may reuse it as soon as it has the answer),
        // and the request still counts as in flight until its answer is queued (a drain that sees none may close)
        McpSession session = ctx.session();
        session.answering(+1);
        session.inFlight().remove(inFlight.id, inFlight);
        try {
            answer(ctx, inFlight, result, error);
        } finally {
            session.answering(-1);
        }
    }

    private void answer(RequestContext ctx, InFlight inFlight, JsonObject result, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        JsonRpcResponse response;
        String outcome;
        Integer errorCode = null;
        String errorMessage = null;
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
            errorCode = e.code();
            errorMessage = e.getMessage();
        } else if (cause instanceof Cancellation.CancelledException) {
            inFlight.channel.skip();
            ended(ctx, "cancelled");
            inFlight.traced.end("cancelled", null, null);
            return;
        } else {
            outcome = "error_" + ErrorCodes.INTERNAL_ERROR;
            Messages.REQUEST_FAILED.log(LOG, cause, ctx.method(), ctx.id(), ctx.connectionId());
            response = new JsonRpcError(ctx.id(), ErrorCodes.INTERNAL_ERROR, "Internal error");
            errorCode = ErrorCodes.INTERNAL_ERROR;
            errorMessage = "Internal error";
        }
        inFlight.channel.respond(response);
        ended(ctx, outcome);
        inFlight.traced.end(outcome, errorCode, errorMessage);
    }

    void ended(RequestContext ctx, String outcome) {
        listener.requestEnded(ctx.method(), ctx.metricTarget(), ctx.era(), outcome, System.nanoTime() - ctx.startNanos());
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
    JsonObject modernResult(JsonObject result) {
        JsonObjectBuilder b = Json2.object(result);
        if (!result.containsKey("resultType")) {
            b.add("resultType", "complete");
        }
        JsonObject meta = Json2.object(result, "_meta");
        b.add("_meta", meta.isEmpty() ? modernResultMeta : Json2.object(meta).addAll(Json2.object(modernResultMeta)).build());
        return b.build();
    }
}
