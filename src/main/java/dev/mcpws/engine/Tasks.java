package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.tasks.TaskRecord;
import dev.mcpws.tasks.TaskStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The tasks extension ({@code io.modelcontextprotocol/tasks}, SEP-2663) of 2026-07-28: a request (today
 * {@code tools/call}) whose feature calls {@link RequestContext#startTask()} is answered at once with a
 * {@code CreateTaskResult} while its work goes on detached from the request; {@code tasks/get},
 * {@code tasks/update} and {@code tasks/cancel} then read, answer and cancel it. State lives in a {@link TaskStore};
 * this class runs this node's tasks (lease, TTL, input) and serves the methods.
 *
 * <p>A task is bound to its caller: the principal when the request is authenticated, else the connection (WebSocket,
 * or a legacy Streamable HTTP session); a stateless 2026-07-28 POST without a principal has no identity beyond the
 * request, so its task is bound to nothing but its unguessable id (SEP-2663: the id is then the only line of
 * defence). Another caller's task is answered exactly like an unknown id.
 */
final class Tasks implements ServerFeature {

    static final String EXTENSION = "io.modelcontextprotocol/tasks";
    static final JsonObject REQUIRED = Json2.object()
            .add("extensions", Json2.object().add(EXTENSION, Json2.object())).build();

    private static final Logger LOG = Logger.getLogger(Tasks.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskStore store;
    private final TaskSettings settings;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    private final Map<String, TaskRun> running = new ConcurrentHashMap<>();
    private volatile Dispatcher dispatcher;
    private volatile boolean stopped;

    Tasks(TaskStore store, TaskSettings settings, ScheduledExecutorService timer, LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.timer = timer;
        this.clock = clock;
        if (timer != null) {
            long every = Math.min(60_000, settings.ttlMs());
            try {
                timer.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.fine("Task purge not scheduled: the timer is shut down");
            }
        }
    }

    void dispatcher(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    TaskStore store() {
        return store;
    }

    TaskSettings settings() {
        return settings;
    }

    long now() {
        return clock.getAsLong();
    }

    int runningCount() {
        return running.size();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    boolean runsHere(String id) {
        return running.containsKey(id);
    }

    /** The task as it stands now (a lost lease settled), or null when unknown or expired. */
    TaskRecord read(String id) {
        long now = now();
        TaskRecord t = store.get(id, now);
        return t == null ? null : settled(t, now);
    }

    /** Told each change of status (see {@link TaskEvents}). */
    private final List<java.util.function.Consumer<TaskRecord>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    void onChange(java.util.function.Consumer<TaskRecord> listener) {
        listeners.add(listener);
    }

    /**
     * This node wrote a change of status: the task's own listener (2025-11-25: its session) and the
     * {@link TaskEvents} listeners are told. {@code run} is null for a task this node does not run (or no longer).
     */
    void changed(TaskRun run, TaskRecord after) {
        if (after == null) {
            return;
        }
        if (run != null) {
            run.statusChanged(after);
        }
        for (java.util.function.Consumer<TaskRecord> l : listeners) {
            try {
                l.accept(after);
            } catch (RuntimeException e) {
                Messages.TASK_HOUSEKEEPING_FAILED.log(LOG, e);
            }
        }
    }

    private void purge() {
        try {
            store.purgeExpired(now());
        } catch (TaskStore.UnavailableException e) {
            // the store logged the outage; the next purge (or Redis' own expiry) removes them
        } catch (RuntimeException e) {
            Messages.TASK_HOUSEKEEPING_FAILED.log(LOG, e);
        }
    }

    // ------------------------------------------------------------------ the feature

    /** tasks/get and tasks/cancel in both eras; tasks/update is 2026-07-28's, tasks/result and tasks/list 2025-11-25's. */
    @Override
    public List<MethodSpec> methods() {
        return List.of(
                MethodSpec.of("tasks/get", storeErrors(this::get)).target(MethodSpec.Target.TASK),
                MethodSpec.of("tasks/update", storeErrors(this::update)).only(Era.MODERN).target(MethodSpec.Target.TASK),
                MethodSpec.of("tasks/cancel", storeErrors(this::cancel)).target(MethodSpec.Target.TASK),
                MethodSpec.of("tasks/result", storeErrors(this::result)).only(Era.LEGACY).target(MethodSpec.Target.TASK),
                MethodSpec.of("tasks/list", storeErrors(this::list)).only(Era.LEGACY));
    }

    /**
     * -32009: the shared task store (Redis) cannot be reached now. Nothing was done; the client may try again (the
     * task, if any, is not lost: it lives on in the store and on the node that runs it).
     */
    static McpException storeUnavailable() {
        return new McpException(ErrorCodes.TASK_STORE_UNAVAILABLE,
                "The task store is unavailable; nothing was done. Try again later");
    }

    /** {@code handler} with a store that cannot be reached answered as -32009, whether it throws or fails later. */
    private static MethodHandler storeErrors(MethodHandler handler) {
        return ctx -> {
            CompletionStage<JsonObject> stage;
            try {
                stage = handler.handle(ctx);
            } catch (TaskStore.UnavailableException e) {
                throw storeUnavailable();
            }
            return stage.handle((value, error) -> {
                if (error == null) {
                    return value;
                }
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof TaskStore.UnavailableException) {
                    throw storeUnavailable();
                }
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            });
        };
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        if (ProtocolVersion.isModern(protocolVersion)) {
            capabilities.add("extensions", Json2.object().add(EXTENSION, Json2.object()));
        } else if (protocolVersion.compareTo(ProtocolVersion.V2025_11_25) >= 0) {
            // the experimental tasks of 2025-11-25: server-side tasks for tools/call only
            capabilities.add("tasks", Json2.object().add("list", Json2.object()).add("cancel", Json2.object())
                    .add("requests", Json2.object().add("tools", Json2.object().add("call", Json2.object()))));
        }
    }

    /**
     * True when the request may become a task: 2026-07-28, the extension in the request's own clientCapabilities;
     * 2025-11-25, the request's {@code task} param (the client's opt-in of that version).
     */
    static boolean declared(RequestContext ctx) {
        if (ctx.era() == Era.LEGACY) {
            return legacyTasks(ctx) && ctx.params().get("task") instanceof JsonObject;
        }
        return ctx.clientCapabilities() != null
                && ctx.clientCapabilities().get("extensions") instanceof JsonObject e
                && e.get(EXTENSION) instanceof JsonObject;
    }

    /** The experimental tasks exist from 2025-11-25 on (the legacy era). */
    private static boolean legacyTasks(RequestContext ctx) {
        return ctx.protocolVersion().compareTo(ProtocolVersion.V2025_11_25) >= 0;
    }

    /** -32021 naming the extension: what a request that needs it gets without it. */
    static McpException missingExtension(String what) {
        return new McpException(ErrorCodes.MISSING_CLIENT_CAPABILITY, "Missing required client capability: " + what
                + " needs the " + EXTENSION + " extension in this request's clientCapabilities",
                Json2.object().add("requiredCapabilities", REQUIRED).build());
    }

    /**
     * The caller a task is bound to (see the class comment). A connection is named with this node's id: connection
     * ids are only unique within one process, and a shared store holds the tasks of every node, across restarts.
     */
    String callerOf(RequestContext ctx) {
        Principal p = ctx.principal();
        if (p != null && p.getName() != null) {
            return "principal:" + p.getName();
        }
        if (ctx.era() == Era.MODERN && "http".equals(ctx.session().connection().transport())) {
            return TaskRecord.ANYONE;
        }
        return "connection:" + settings.nodeId() + "/" + ctx.connectionId();
    }

    private TaskRecord visible(RequestContext ctx) {
        if (ctx.era() == Era.LEGACY) {
            if (!legacyTasks(ctx)) {
                throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + ctx.method());
            }
        } else if (!declared(ctx)) {
            throw missingExtension(ctx.method());
        }
        String id = Json2.stringOrNull(ctx.params(), "taskId");
        if (id == null) {
            throw McpException.invalidParams(ctx.method() + " needs params.taskId (a string)");
        }
        long now = now();
        TaskRecord t = store.get(id, now);
        if (t == null || !t.visibleTo(callerOf(ctx))) {
            // another caller's task is answered exactly like one that does not exist
            throw McpException.invalidParams("Failed to retrieve task: Task not found");
        }
        return settled(t, now);
    }

    /**
     * {@code t} as it stands once a lost lease is settled: a live task whose lease ran out and that no worker of this
     * node runs is failed, unless this node holds its outcome, not yet stored (then that is stored now).
     */
    private TaskRecord settled(TaskRecord t, long now) {
        if (!t.leaseLost(now) || running.containsKey(t.taskId())) {
            return t;
        }
        UnaryOperator<TaskRecord> outcome = pending.get(t.taskId());
        TaskRecord after = store.update(t.taskId(), outcome != null ? outcome : r -> r.leaseLost(now)
                ? r.failed(error(ErrorCodes.INTERNAL_ERROR, LEASE_LOST), LEASE_LOST, now) : r);
        if (outcome != null && pending.remove(t.taskId(), outcome)) {
            ended(t.taskId());
        }
        if (after != null && after.status() != t.status()) {
            changed(null, after);
        }
        return after == null ? t : after;
    }

    /** Outcomes of this node's tasks whose work ended while the store could not be reached, by task id. */
    private final Map<String, UnaryOperator<TaskRecord>> pending = new ConcurrentHashMap<>();

    private static final String LEASE_LOST = "The server running this task stopped before it finished";

    private CompletionStage<JsonObject> get(RequestContext ctx) {
        TaskRecord t = visible(ctx);
        return CompletableFuture.completedFuture((ctx.era() == Era.LEGACY ? t.legacyWire() : t.wire(true)).build());
    }

    /**
     * 2025-11-25 {@code tasks/result}: what the request would have returned (its result, with the related-task
     * {@code _meta}, or its JSON-RPC error), once the task is terminal; until then the request waits without holding
     * a worker (and under its own request timeout).
     */
    private CompletionStage<JsonObject> result(RequestContext ctx) {
        TaskRecord t = visible(ctx);
        if (!t.live()) {
            return CompletableFuture.completedFuture(payload(t));
        }
        CompletableFuture<Void> ended;
        if (running.containsKey(t.taskId())) {
            ended = waiters.computeIfAbsent(t.taskId(), k -> new CompletableFuture<>());
            TaskRecord again = store.get(t.taskId(), now());
            if (again == null || !again.live() || !running.containsKey(t.taskId())) {
                ended.complete(null); // ended meanwhile
            }
        } else {
            // run by another node (or by none: then its lease runs out): the store is read every poll interval
            ended = new CompletableFuture<>();
            watch(t.taskId(), ctx.inFlight(), ended);
        }
        return ended.thenApply(x -> {
            TaskRecord r = store.get(t.taskId(), now());
            if (r == null) {
                throw McpException.invalidParams("Failed to retrieve task: Task not found");
            }
            r = settled(r, now());
            if (r.live()) {
                throw new McpException(ErrorCodes.INTERNAL_ERROR, "The task has not finished");
            }
            return payload(r);
        });
    }

    private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();

    /**
     * Completes {@code ended} once the task (run by another node) is terminal, gone, or its lease ran out: the store
     * is read every poll interval, on the timer (no worker held), until then or until the request ends (cancelled or
     * past its timeout).
     */
    private void watch(String id, InFlight request, CompletableFuture<Void> ended) {
        if (timer == null || request.isCancelled()) {
            ended.complete(null);
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    long now = now();
                    TaskRecord r = store.get(id, now);
                    if (r == null || !r.live() || r.leaseLost(now)) {
                        ended.complete(null);
                        return;
                    }
                } catch (TaskStore.UnavailableException e) {
                    // read again at the next turn
                } catch (RuntimeException e) {
                    ended.completeExceptionally(e);
                    return;
                }
                watch(id, request, ended);
            }, settings.pollIntervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            ended.complete(null);
        }
    }

    /** A terminal task as its request would have answered. */
    private static JsonObject payload(TaskRecord t) {
        JsonObject related = Json2.object().add("io.modelcontextprotocol/related-task",
                Json2.object().add("taskId", t.taskId())).build();
        switch (t.status()) {
            case COMPLETED -> {
                JsonObject r = t.result() == null ? JsonValue.EMPTY_JSON_OBJECT : t.result();
                JsonObject meta = Json2.object(Json2.object(r, "_meta")).addAll(Json2.object(related)).build();
                return Json2.object(r).add("_meta", meta).build();
            }
            case FAILED -> {
                JsonObject e = t.error() == null ? error(ErrorCodes.INTERNAL_ERROR, "Internal error") : t.error();
                throw new McpException(e.getInt("code", ErrorCodes.INTERNAL_ERROR),
                        e.getString("message", "Internal error"), e.get("data"));
            }
            default -> throw new McpException(ErrorCodes.INVALID_PARAMS, "The task was cancelled",
                    Json2.object().add("taskId", t.taskId()).build());
        }
    }

    /** 2025-11-25 {@code tasks/list}: the caller's tasks, oldest first (all in one page: bounded by the store). */
    private CompletionStage<JsonObject> list(RequestContext ctx) {
        if (!legacyTasks(ctx)) {
            throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: tasks/list");
        }
        jakarta.json.JsonArrayBuilder tasks = Json2.array();
        for (TaskRecord t : store.listByOwner(callerOf(ctx), now())) {
            tasks.add(t.legacyWire());
        }
        return CompletableFuture.completedFuture(Json2.object().add("tasks", tasks).build());
    }

    private void ended(String id) {
        CompletableFuture<Void> w = waiters.remove(id);
        if (w != null) {
            w.complete(null);
        }
    }

    private CompletionStage<JsonObject> update(RequestContext ctx) {
        TaskRecord t = visible(ctx);
        JsonValue responses = ctx.params().get("inputResponses");
        if (!(responses instanceof JsonObject r)) {
            throw McpException.invalidParams("tasks/update needs params.inputResponses (an object)");
        }
        long now = now();
        TaskRecord after = store.update(t.taskId(), rec -> rec.answer(r, now));
        TaskRun run = running.get(t.taskId());
        if (run != null) {
            run.wake();
        }
        if (after != null && !after.equals(t)) {
            changed(null, after); // answered: fewer questions outstanding, or working again
        }
        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
    }

    private CompletionStage<JsonObject> cancel(RequestContext ctx) {
        TaskRecord t = visible(ctx);
        if (ctx.era() == Era.LEGACY) {
            // 2025-11-25: a terminal task cannot be cancelled (-32602); the answer is the task, cancelled
            if (!t.live()) {
                throw McpException.invalidParams("Cannot cancel task: already in terminal status '" + t.status().wire() + "'");
            }
            end(t.taskId(), rec -> rec.cancelled("Cancelled by the client", now()), "cancelled by the client");
            TaskRecord after = store.get(t.taskId(), now());
            return CompletableFuture.completedFuture((after == null ? t : after).legacyWire().build());
        }
        if (t.live()) {
            end(t.taskId(), rec -> rec.cancelled("Cancelled by the client", now()), "cancelled by the client");
        }
        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
    }

    // ------------------------------------------------------------------ running tasks

    /**
     * Turns the request of {@code ctx} into a task: stores it (refused with -32008 over a limit), answers the request
     * with the CreateTaskResult, and leaves the work running, now for the task.
     */
    TaskRun start(RequestContext ctx) {
        if (stopped) {
            throw new McpException(ErrorCodes.SHUTTING_DOWN, "The server is not accepting work");
        }
        long now = now();
        String id = newId();
        long lease = timer == null ? settings.ttlMs() : settings.leaseMs();
        TaskRecord task = TaskRecord.start(id, callerOf(ctx), ctx.protocolVersion(), ctx.method(), now,
                settings.ttlMs(), settings.pollIntervalMs(), settings.nodeId(), lease);
        try {
            store.create(task, settings.maxLivePerCaller(), settings.maxStored(), now);
        } catch (TaskStore.UnavailableException e) {
            throw storeUnavailable(); // the work has not started: the client may call again
        } catch (TaskStore.LimitExceededException e) {
            boolean owner = e.refusal() == TaskStore.Refusal.OWNER_LIMIT;
            int limit = owner ? settings.maxLivePerCaller() : settings.maxStored();
            throw new McpException(ErrorCodes.TOO_MANY_TASKS, owner
                    ? "Too many tasks: this caller already has " + limit + " tasks working (mcp.tasks.max-live-per-caller); "
                    + "wait for one to finish or cancel one"
                    : "Too many tasks: the server keeps " + limit + " tasks (mcp.tasks.max-stored); try again later",
                    Json2.object().add("limit", limit).build());
        }
        InFlight inFlight = ctx.inFlight();
        if (!inFlight.detach()) {
            try {
                store.update(id, t -> t.cancelled("The request was cancelled", now()));
            } catch (TaskStore.UnavailableException e) {
                // nobody knows its id; it expires with its TTL
            }
            throw new Cancellation.CancelledException(inFlight.reason());
        }
        inFlight.releaseShare();
        TaskRun run = new TaskRun(this, id, inFlight);
        if (ctx.era() == Era.LEGACY) {
            // 2025-11-25: the requestor MAY be told each status change (it still polls: delivery is best effort)
            McpSession session = ctx.session();
            run.onStatus(t -> session.send(new dev.mcpws.protocol.JsonRpcNotification(STATUS_NOTIFICATION,
                    t.legacyWire().build())));
        }
        running.put(id, run);
        run.timers(renewal(id), expiry(id, settings.ttlMs()));
        JsonObject created = ctx.era() == Era.LEGACY ? Json2.object().add("task", task.legacyWire()).build()
                : dispatcher.modernResult(task.wire(false).add("resultType", "task").build());
        inFlight.channel.respond(new JsonRpcResult(ctx.id(), created));
        ctx.session().inFlight().remove(ctx.id(), inFlight);
        dispatcher.ended(ctx, "task");
        inFlight.traced.end("task", null, null);
        return run;
    }

    private Future<?> renewal(String id) {
        if (timer == null) {
            return null;
        }
        long every = Math.max(100, settings.leaseMs() / 3);
        try {
            return timer.scheduleAtFixedRate(() -> {
                try {
                    store.update(id, t -> t.lease(settings.nodeId(), now() + settings.leaseMs()));
                } catch (TaskStore.UnavailableException e) {
                    // the store logged the outage; the next renewal tries again
                } catch (RuntimeException e) {
                    Messages.TASK_HOUSEKEEPING_FAILED.log(LOG, e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private Future<?> expiry(String id, long ttlMs) {
        if (timer == null) {
            return null;
        }
        try {
            return timer.schedule(() -> endHere(id, t -> t.failed(error(ErrorCodes.REQUEST_TIMEOUT, EXPIRED), EXPIRED,
                    now()), "expired"), ttlMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static final String EXPIRED = "The task did not finish within its TTL and was cancelled";

    /**
     * Ends a task now (its record first), then stops its work on this node, if it runs here. A store that cannot be
     * reached throws before anything changed (a client's cancel is answered -32009 and may be sent again).
     */
    private void end(String id, UnaryOperator<TaskRecord> change, String reason) {
        TaskRun run = running.get(id);
        TaskRecord after = store.update(id, change);
        stopHere(id, reason);
        changed(run, after);
    }

    /** The 2025-11-25 notification of a task's new status, sent to the session that created it, from this node. */
    static final String STATUS_NOTIFICATION = "notifications/tasks/status";

    /**
     * Ends a task this node decided to end (TTL, shutdown): its work stops here even when the store cannot be reached
     * (then its record expires with its TTL, or its lease runs out and readers report it failed).
     */
    private void endHere(String id, UnaryOperator<TaskRecord> change, String reason) {
        TaskRun run = running.get(id);
        try {
            changed(run, store.update(id, change));
        } catch (TaskStore.UnavailableException e) {
            LOG.fine(() -> "Task " + id + " ended (" + reason + ") while the store was unavailable");
        } catch (RuntimeException e) {
            Messages.TASK_HOUSEKEEPING_FAILED.log(LOG, e);
        }
        stopHere(id, reason);
    }

    private void stopHere(String id, String reason) {
        TaskRun run = running.remove(id);
        if (run != null) {
            run.stopTimers();
            run.inFlight.cancelTask(reason);
            run.wake();
        }
        ended(id);
    }

    /** The work of a task ended: its outcome goes to the store (unless the task ended already: cancelled, expired). */
    void finish(RequestContext ctx, JsonObject result, Throwable error) {
        TaskRun run = ctx.task();
        running.remove(run.id, run);
        run.stopTimers();
        if (!run.inFlight.finishTask()) {
            ended(run.id);
            return;
        }
        long now = now();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        UnaryOperator<TaskRecord> outcome;
        String metric;
        if (cause == null && result != null) {
            outcome = t -> t.completed(result, now);
            metric = "ok";
        } else if (cause instanceof McpException e) {
            JsonObjectBuilder err = Json2.object().add("code", e.code()).add("message", e.getMessage());
            if (e.data() != null) {
                err.add("data", e.data());
            }
            JsonObject errJson = err.build();
            outcome = t -> t.failed(errJson, e.getMessage(), now);
            metric = "error_" + e.code();
        } else if (cause instanceof Cancellation.CancelledException) {
            outcome = t -> t.cancelled("Cancelled", now);
            metric = "cancelled";
        } else {
            if (cause == null) {
                cause = new IllegalStateException(ctx.method() + " handler completed without a result");
            }
            Messages.REQUEST_FAILED.log(LOG, cause, ctx.method() + " (task " + run.id + ")", ctx.id(), ctx.connectionId());
            outcome = t -> t.failed(error(ErrorCodes.INTERNAL_ERROR, "Internal error"), "Internal error", now);
            metric = "error_" + ErrorCodes.INTERNAL_ERROR;
        }
        try {
            TaskRecord after = store.update(run.id, outcome);
            ended(run.id);
            changed(run, after);
        } catch (TaskStore.UnavailableException e) {
            // the outcome waits here until the store is back (at most until the task's TTL ends)
            pending.put(run.id, outcome);
            store(run, outcome, now + settings.ttlMs());
        }
        LOG.fine(() -> "Task " + run.id + " ended: " + metric);
    }

    /**
     * Stores the outcome of a task whose work ended while the store could not be reached: tried again every poll
     * interval (at most a third of the lease) until it is written or {@code untilMs} passed; a read of the task on
     * this node stores it at once. (A reader on another node that finds the lease run out first reports the task
     * failed; the outcome then changes nothing.)
     */
    private void store(TaskRun run, UnaryOperator<TaskRecord> outcome, long untilMs) {
        String id = run.id;
        if (timer == null || now() >= untilMs || pending.get(id) != outcome) {
            pending.remove(id, outcome);
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    if (pending.get(id) == outcome) { // else a read on this node stored it already
                        TaskRecord after = store.update(id, outcome);
                        pending.remove(id, outcome);
                        ended(id);
                        changed(run, after);
                    }
                } catch (TaskStore.UnavailableException e) {
                    store(run, outcome, untilMs);
                } catch (RuntimeException e) {
                    pending.remove(id, outcome);
                    Messages.TASK_HOUSEKEEPING_FAILED.log(LOG, e);
                }
            }, Math.max(100, Math.min(settings.leaseMs() / 3, settings.pollIntervalMs())), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(id, outcome); // the timer is shut down: the application stops; the lease tells the others
        }
    }

    /**
     * The server stops (drain or undeploy): every task this node runs is failed (-32004) and its work cancelled, so
     * no task stays {@code working} for ever. New tasks are refused from now on.
     */
    int stop() {
        stopped = true;
        int n = 0;
        for (String id : List.copyOf(running.keySet())) {
            endHere(id, t -> t.failed(error(ErrorCodes.SHUTTING_DOWN, STOPPED), STOPPED, now()), "server shutting down");
            n++;
        }
        return n;
    }

    private static final String STOPPED = "The server shut down before the task finished";

    static JsonObject error(int code, String message) {
        return Json2.object().add("code", code).add("message", message).build();
    }

    /** 128 random bits, URL-safe: unguessable, since the id may be the task's only guard. */
    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
