package dev.mcpws.tasks;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Objects;

/**
 * One task as stored: what the client sees ({@link #wire}) and what the server needs to run and guard it (its owner,
 * the node holding its lease, the answers to its questions not taken by the runner yet). Immutable; every change
 * makes a new record. {@link #toJson()} / {@link #fromJson} are its complete serialised form (a shared store keeps
 * that text).
 *
 * @param taskId          the unguessable id (the client's handle)
 * @param owner           the caller it is bound to ({@code principal:<name>}, {@code connection:<id>}, or
 *                        {@link #ANYONE}: whoever holds the id)
 * @param protocolVersion the version of the request that created it (2026-07-28, or 2025-11-25 for experimental tasks)
 * @param method          the augmented request's method ({@code tools/call})
 * @param createdAtMs     creation time, epoch ms
 * @param lastUpdatedAtMs last change of status or message, epoch ms
 * @param ttlMs           kept for this long after creation (then removed)
 * @param inputRequests   the questions waiting for an answer, by key (empty unless {@code input_required})
 * @param inputResponses  answers given by {@code tasks/update} and not yet taken by the runner, by key
 * @param leaseNode       the node running it ({@code null} once terminal)
 * @param leaseUntilMs    the lease ends then unless the node renews it; a live task whose lease ended is failed
 */
public record TaskRecord(String taskId, String owner, String protocolVersion, String method, TaskStatus status,
                         String statusMessage, long createdAtMs, long lastUpdatedAtMs, long ttlMs, long pollIntervalMs,
                         JsonObject result, JsonObject error, JsonObject inputRequests, JsonObject inputResponses,
                         String leaseNode, long leaseUntilMs) {

    /** The owner of a task that anybody holding its id may use (no caller identity was available). */
    public static final String ANYONE = "anyone";

    public TaskRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        inputRequests = inputRequests == null ? JsonValue.EMPTY_JSON_OBJECT : inputRequests;
        inputResponses = inputResponses == null ? JsonValue.EMPTY_JSON_OBJECT : inputResponses;
    }

    /** A new {@code working} task leased by {@code node}. */
    public static TaskRecord start(String taskId, String owner, String protocolVersion, String method, long nowMs,
                                   long ttlMs, long pollIntervalMs, String node, long leaseMs) {
        return new TaskRecord(taskId, owner, protocolVersion, method, TaskStatus.WORKING, null, nowMs, nowMs, ttlMs,
                pollIntervalMs, null, null, null, null, node, nowMs + leaseMs);
    }

    public boolean live() {
        return !status.terminal();
    }

    public long expiresAtMs() {
        return createdAtMs + ttlMs;
    }

    public boolean expired(long nowMs) {
        return nowMs >= expiresAtMs();
    }

    /** True when {@code caller} may see it: its owner, or anybody for a task of {@link #ANYONE}. */
    public boolean visibleTo(String caller) {
        return ANYONE.equals(owner) || owner.equals(caller);
    }

    /** A live task whose node stopped renewing its lease. */
    public boolean leaseLost(long nowMs) {
        return live() && leaseUntilMs < nowMs;
    }

    // ------------------------------------------------------------------ changes (each a new record)

    /** The lease renewed by {@code node} (a terminal task keeps none). */
    public TaskRecord lease(String node, long untilMs) {
        if (!live()) {
            return this;
        }
        return new TaskRecord(taskId, owner, protocolVersion, method, status, statusMessage, createdAtMs,
                lastUpdatedAtMs, ttlMs, pollIntervalMs, result, error, inputRequests, inputResponses, node, untilMs);
    }

    /** A new status message (live tasks only). */
    public TaskRecord message(String message, long nowMs) {
        if (!live()) {
            return this;
        }
        return new TaskRecord(taskId, owner, protocolVersion, method, status, message, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, result, error, inputRequests, inputResponses, leaseNode, leaseUntilMs);
    }

    /** Ends a live task: completed with {@code result}; a terminal one stays as it is. */
    public TaskRecord completed(JsonObject result, long nowMs) {
        return end(TaskStatus.COMPLETED, statusMessage, result, null, nowMs);
    }

    /** Ends a live task: failed with a JSON-RPC {@code error} ({@code code}, {@code message}). */
    public TaskRecord failed(JsonObject error, String message, long nowMs) {
        return end(TaskStatus.FAILED, message, null, error, nowMs);
    }

    /** Ends a live task: cancelled. */
    public TaskRecord cancelled(String message, long nowMs) {
        return end(TaskStatus.CANCELLED, message, null, null, nowMs);
    }

    private TaskRecord end(TaskStatus to, String message, JsonObject result, JsonObject error, long nowMs) {
        if (!live()) {
            return this;
        }
        return new TaskRecord(taskId, owner, protocolVersion, method, to, message, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, result, error, null, null, null, 0);
    }

    /** Adds questions (by key) and turns a live task {@code input_required}. */
    public TaskRecord ask(JsonObject questions, long nowMs) {
        if (!live() || questions.isEmpty()) {
            return this;
        }
        JsonObject all = Json2.object(inputRequests).addAll(Json2.object(questions)).build();
        return new TaskRecord(taskId, owner, protocolVersion, method, TaskStatus.INPUT_REQUIRED, statusMessage,
                createdAtMs, nowMs, ttlMs, pollIntervalMs, result, error, all, inputResponses, leaseNode, leaseUntilMs);
    }

    /**
     * Takes the answers of {@code responses} whose keys are asked now (others are ignored: never issued, answered
     * already or superseded); the task is {@code working} again once no question is left.
     */
    public TaskRecord answer(JsonObject responses, long nowMs) {
        if (!live()) {
            return this;
        }
        JsonObjectBuilder open = Json2.object();
        JsonObjectBuilder answered = Json2.object(inputResponses);
        boolean changed = false;
        for (var e : inputRequests.entrySet()) {
            JsonValue answer = responses.get(e.getKey());
            if (answer != null && answer.getValueType() != JsonValue.ValueType.NULL) {
                answered.add(e.getKey(), answer);
                changed = true;
            } else {
                open.add(e.getKey(), e.getValue());
            }
        }
        if (!changed) {
            return this;
        }
        JsonObject left = open.build();
        TaskStatus to = left.isEmpty() && status == TaskStatus.INPUT_REQUIRED ? TaskStatus.WORKING : status;
        return new TaskRecord(taskId, owner, protocolVersion, method, to, statusMessage, createdAtMs, nowMs, ttlMs,
                pollIntervalMs, result, error, left, answered.build(), leaseNode, leaseUntilMs);
    }

    /** The answer for {@code key} removed from the answers waiting for the runner. */
    public TaskRecord taken(String key) {
        if (!inputResponses.containsKey(key)) {
            return this;
        }
        JsonObjectBuilder rest = Json2.object(inputResponses);
        rest.remove(key);
        return new TaskRecord(taskId, owner, protocolVersion, method, status, statusMessage, createdAtMs,
                lastUpdatedAtMs, ttlMs, pollIntervalMs, result, error, inputRequests, rest.build(), leaseNode,
                leaseUntilMs);
    }

    // ------------------------------------------------------------------ what the client sees

    /**
     * The {@code Task} object of SEP-2663: id, status, message, times, {@code ttlMs}, {@code pollIntervalMs};
     * {@code detailed} (tasks/get, notifications) adds {@code result}, {@code error} or {@code inputRequests} by status.
     */
    public JsonObjectBuilder wire(boolean detailed) {
        JsonObjectBuilder b = Json2.object().add("taskId", taskId).add("status", status.wire());
        if (statusMessage != null) {
            b.add("statusMessage", statusMessage);
        }
        b.add("createdAt", Instant.ofEpochMilli(createdAtMs).toString())
                .add("lastUpdatedAt", Instant.ofEpochMilli(lastUpdatedAtMs).toString())
                .add("ttlMs", ttlMs)
                .add("pollIntervalMs", pollIntervalMs);
        if (detailed) {
            if (status == TaskStatus.COMPLETED && result != null) {
                b.add("result", result);
            } else if (status == TaskStatus.FAILED && error != null) {
                b.add("error", error);
            } else if (status == TaskStatus.INPUT_REQUIRED) {
                b.add("inputRequests", inputRequests);
            }
        }
        return b;
    }

    /**
     * The {@code Task} of the 2025-11-25 experimental tasks: the same fields with the names of that version
     * ({@code ttl}, {@code pollInterval}); results come from {@code tasks/result} there, never inline.
     */
    public JsonObjectBuilder legacyWire() {
        JsonObjectBuilder b = Json2.object().add("taskId", taskId).add("status", status.wire());
        if (statusMessage != null) {
            b.add("statusMessage", statusMessage);
        }
        return b.add("createdAt", Instant.ofEpochMilli(createdAtMs).toString())
                .add("lastUpdatedAt", Instant.ofEpochMilli(lastUpdatedAtMs).toString())
                .add("ttl", ttlMs)
                .add("pollInterval", pollIntervalMs);
    }

    // ------------------------------------------------------------------ serialised form

    /** Every field, as JSON (the form a shared store keeps). */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json2.object().add("taskId", taskId).add("owner", owner).add("status", status.wire())
                .add("createdAtMs", createdAtMs).add("lastUpdatedAtMs", lastUpdatedAtMs).add("ttlMs", ttlMs)
                .add("pollIntervalMs", pollIntervalMs).add("inputRequests", inputRequests)
                .add("inputResponses", inputResponses).add("leaseUntilMs", leaseUntilMs);
        addIf(b, "protocolVersion", protocolVersion);
        addIf(b, "method", method);
        addIf(b, "statusMessage", statusMessage);
        addIf(b, "leaseNode", leaseNode);
        if (result != null) {
            b.add("result", result);
        }
        if (error != null) {
            b.add("error", error);
        }
        return b.build();
    }

    private static void addIf(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    /** The record {@link #toJson()} wrote. */
    public static TaskRecord fromJson(JsonObject o) {
        return new TaskRecord(o.getString("taskId"), o.getString("owner"), Json2.stringOrNull(o, "protocolVersion"),
                Json2.stringOrNull(o, "method"), TaskStatus.ofWire(o.getString("status")),
                Json2.stringOrNull(o, "statusMessage"), num(o, "createdAtMs"), num(o, "lastUpdatedAtMs"),
                num(o, "ttlMs"), num(o, "pollIntervalMs"), obj(o, "result"), obj(o, "error"), obj(o, "inputRequests"),
                obj(o, "inputResponses"), Json2.stringOrNull(o, "leaseNode"), num(o, "leaseUntilMs"));
    }

    private static long num(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static JsonObject obj(JsonObject o, String key) {
        return o.get(key) instanceof JsonObject v ? v : null;
    }
}
