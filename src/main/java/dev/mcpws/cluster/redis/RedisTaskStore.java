package dev.mcpws.cluster.redis;

import dev.mcpws.diagnostics.Messages;
import dev.mcpws.tasks.TaskRecord;
import dev.mcpws.tasks.TaskStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The {@link TaskStore} of a cluster: every node reads and writes the same tasks in Redis, so any node answers
 * {@code tasks/get} for a task another node runs. Keys, all under {@code <mcp.cluster.channel>:tasks:} (two clusters
 * that share a Redis with different channels never see each other's tasks):
 * <ul>
 * <li>{@code task:<id>}: the record's JSON ({@link TaskRecord#toJson()}), expiring (PX) at the end of its TTL;</li>
 * <li>{@code all}: sorted set of every task id by expiry time (the {@code maxStored} count, the purge);</li>
 * <li>{@code owner:<owner>}: the owner's task ids by expiry ({@code tasks/list});</li>
 * <li>{@code live:<owner>}: the owner's live (not terminal) task ids by expiry (the per-owner limit).</li>
 * </ul>
 * The sets expire with their newest member, so nothing stays after the last task's TTL. Creation is one Lua script
 * (the limits checked and the task stored atomically); an update reads the record, applies the change in Java and
 * writes it with a compare-and-set script that refuses if the record changed meanwhile (then the change runs again),
 * so no update of one node is lost to another's. Scripts run by {@code EVALSHA} (sent in full again after a Redis
 * restart emptied its script cache).
 *
 * <p>Every call waits at most the command timeout; while Redis is unreachable each fails at once (Lettuce rejects
 * commands while it reconnects) with {@link UnavailableException}. Its own connection comes from the cluster bus's
 * client (same threads); it is opened on first use and, after a failure, not tried again for a second.
 */
public final class RedisTaskStore implements TaskStore {

    private static final Logger LOG = Logger.getLogger(RedisTaskStore.class.getName());
    /** After a failed connect, calls fail at once for this long (no connect storm while Redis is down). */
    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Compare-and-set rounds an update may need under contention before it gives up. */
    private static final int MAX_ROUNDS = 100;

    private static final Script CREATE = new Script("""
            local ttl = tonumber(ARGV[8])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then return 'STORE_FULL' end
            redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[3])
            if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[5]) then return 'OWNER_LIMIT' end
            if redis.call('EXISTS', KEYS[1]) == 1 then return 'EXISTS' end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[8])
            local function index(key)
              redis.call('ZADD', key, ARGV[4], ARGV[1])
              if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ARGV[8]) end
            end
            index(KEYS[2])
            index(KEYS[3])
            if ARGV[7] == '1' then index(KEYS[4]) end
            return 'OK'
            """);

    private static final Script UPDATE = new Script("""
            local current = redis.call('GET', KEYS[1])
            if not current then return 0 end
            if current ~= ARGV[1] then return -1 end
            redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
            if ARGV[4] == '0' then redis.call('ZREM', KEYS[2], ARGV[3]) end
            return 1
            """);

    private static final Script REMOVE = new Script("""
            redis.call('DEL', KEYS[1])
            for i = 2, 4 do redis.call('ZREM', KEYS[i], ARGV[1]) end
            return 1
            """);

    private static final Script LIST = new Script("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local out = {}
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local v = redis.call('GET', ARGV[2] .. id)
              if v then out[#out + 1] = v end
            end
            return out
            """);

    private static final Script PURGE = new Script("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            for _, id in ipairs(ids) do redis.call('DEL', ARGV[2] .. id) end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            return #ids
            """);

    private final RedisClient client;
    private final RedisURI uri;
    private final String where;
    private final String prefix;
    private final long timeoutMs;
    private final Object connecting = new Object();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long failedAtNanos;
    private volatile boolean failedOnce;
    private volatile boolean closed;

    /**
     * @param client  the cluster bus's client (its threads; this store opens a connection of its own)
     * @param uri     the Redis of {@code mcp.cluster.redis-uri}
     * @param where   host:port, for the log (never the URI: it may hold a password)
     * @param prefix  the keys' prefix, e.g. {@code mcp-ws:cluster:tasks:}
     * @param timeout the longest wait for one answer of Redis
     */
    RedisTaskStore(RedisClient client, RedisURI uri, String where, String prefix, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.where = where;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.timeoutMs = timeout.toMillis();
    }

    /** The prefix of this cluster's task keys: {@code <channel>:tasks:}. */
    public static String prefix(String channel) {
        return channel + ":tasks:";
    }

    // ------------------------------------------------------------------ TaskStore

    @Override
    public void create(TaskRecord task, int maxLivePerOwner, int maxStored, long nowMs) {
        long ttl = task.expiresAtMs() - nowMs;
        if (ttl <= 0) {
            return; // expired before it was stored: a get finds nothing, as for one stored and expired at once
        }
        String outcome = run(CREATE, ScriptOutputType.STATUS,
                new String[] {taskKey(task.taskId()), prefix + "all", ownerKey(task.owner()), liveKey(task.owner())},
                task.taskId(), task.toJson().toString(), Long.toString(nowMs), Long.toString(task.expiresAtMs()),
                Integer.toString(maxLivePerOwner), Integer.toString(maxStored), task.live() ? "1" : "0",
                Long.toString(ttl));
        switch (String.valueOf(outcome)) {
            case "OK" -> { }
            case "STORE_FULL" -> throw new LimitExceededException(Refusal.STORE_FULL);
            case "OWNER_LIMIT" -> throw new LimitExceededException(Refusal.OWNER_LIMIT);
            case "EXISTS" -> throw new IllegalStateException("task id already in use");
            default -> throw new IllegalStateException("unexpected answer of the create script: " + outcome);
        }
    }

    @Override
    public TaskRecord get(String taskId, long nowMs) {
        RedisAsyncCommands<String, String> c = commands();
        String json = call(() -> c.get(taskKey(taskId)));
        if (json == null) {
            return null;
        }
        TaskRecord t = parse(json);
        if (t.expired(nowMs)) {
            remove(t);
            return null;
        }
        return t;
    }

    @Override
    public TaskRecord update(String taskId, UnaryOperator<TaskRecord> change) {
        String key = taskKey(taskId);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            RedisAsyncCommands<String, String> c = commands();
            String json = call(() -> c.get(key));
            if (json == null) {
                return null;
            }
            TaskRecord before = parse(json);
            TaskRecord after = Objects.requireNonNull(change.apply(before), "a task change returned null");
            if (after.equals(before)) {
                return before;
            }
            if (!after.taskId().equals(before.taskId()) || !after.owner().equals(before.owner())) {
                throw new IllegalArgumentException("a task change may not change its id or owner");
            }
            Long written = run(UPDATE, ScriptOutputType.INTEGER, new String[] {key, liveKey(after.owner())},
                    json, after.toJson().toString(), taskId, after.live() ? "1" : "0");
            if (written != null && written == 1) {
                return after;
            }
            if (written != null && written == 0) {
                return null; // removed meanwhile
            }
            // changed by someone else meanwhile: apply the change to the new state
        }
        throw new UnavailableException("task " + taskId + " changed " + MAX_ROUNDS + " times during one update");
    }

    @Override
    public List<TaskRecord> listByOwner(String owner, long nowMs) {
        List<Object> found = run(LIST, ScriptOutputType.MULTI, new String[] {ownerKey(owner)},
                Long.toString(nowMs), prefix + "task:");
        List<TaskRecord> records = new ArrayList<>();
        for (Object o : found) {
            records.add(parse(String.valueOf(o)));
        }
        return TaskStore.ownedBy(records, owner, nowMs);
    }

    @Override
    public int purgeExpired(long nowMs) {
        Long n = run(PURGE, ScriptOutputType.INTEGER, new String[] {prefix + "all"}, Long.toString(nowMs),
                prefix + "task:");
        return n == null ? 0 : n.intValue();
    }

    @Override
    public int size() {
        RedisAsyncCommands<String, String> c = commands();
        Long n = call(() -> c.zcard(prefix + "all"));
        return n == null ? 0 : n.intValue();
    }

    /** Closes this store's connection (the client belongs to the bus). */
    void close() {
        closed = true;
        StatefulRedisConnection<String, String> c = connection;
        connection = null;
        if (c != null) {
            try {
                c.closeAsync().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the client's shutdown ends it
            }
        }
    }

    // ------------------------------------------------------------------ keys and records

    private String taskKey(String id) {
        return prefix + "task:" + id;
    }

    private String ownerKey(String owner) {
        return prefix + "owner:" + owner;
    }

    private String liveKey(String owner) {
        return prefix + "live:" + owner;
    }

    private void remove(TaskRecord t) {
        run(REMOVE, ScriptOutputType.INTEGER, new String[] {taskKey(t.taskId()), prefix + "all", ownerKey(t.owner()),
                liveKey(t.owner())}, t.taskId());
    }

    private static TaskRecord parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return TaskRecord.fromJson(reader.readObject());
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IllegalStateException("a task in Redis is not a task record", e);
        }
    }

    // ------------------------------------------------------------------ Redis

    /** This store's connection, opened on first use (and again after a failed open, at most once a second). */
    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c.async();
        }
        synchronized (connecting) {
            if (connection != null) {
                return connection.async();
            }
            if (closed) {
                throw new UnavailableException("the task store is closed");
            }
            if (failedOnce && System.nanoTime() - failedAtNanos < RECONNECT_PAUSE_NANOS) {
                throw new UnavailableException("Redis at " + where + " is unreachable");
            }
            try {
                connection = client.connectAsync(StringCodec.UTF8, uri).get(timeoutMs, TimeUnit.MILLISECONDS);
                return connection.async();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                failedOnce = true;
                failedAtNanos = System.nanoTime();
                throw failed();
            }
        }
    }

    /** Runs {@code script} by its digest; sends it in full when Redis does not know it (a restart empties its cache). */
    private <T> T run(Script script, ScriptOutputType type, String[] keys, String... args) {
        RedisAsyncCommands<String, String> c = commands();
        try {
            return call(() -> c.evalsha(script.sha, type, keys, args));
        } catch (NoScript e) {
            return call(() -> c.eval(script.source, type, keys, args));
        }
    }

    /** Sends a command (Lettuce may refuse it at once while it reconnects) and waits for its answer. */
    private <T> T call(Supplier<RedisFuture<T>> command) {
        RedisFuture<T> future;
        try {
            future = command.get();
        } catch (RuntimeException e) {
            throw failed();
        }
        return await(future);
    }

    /** The answer of {@code future} within the timeout; Redis unreachable or slow: {@link UnavailableException}. */
    private <T> T await(RedisFuture<T> future) {
        try {
            T value = future.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (down.compareAndSet(true, false)) {
                Messages.TASK_STORE_UP.log(LOG, null, where);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new UnavailableException("interrupted while waiting for Redis");
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                throw new NoScript();
            }
            if (e.getCause() instanceof RedisCommandExecutionException refused && !busy(refused.getMessage())) {
                // Redis answered, with an error of ours (a script bug), not of its availability
                throw new IllegalStateException("Redis refused a task command: " + refused.getMessage());
            }
            throw failed();
        }
    }

    /** Redis' errors that mean "not now" (loading, a read-only replica, out of memory, a busy script...). */
    private static boolean busy(String message) {
        if (message == null) {
            return true;
        }
        for (String prefix : List.of("LOADING", "READONLY", "MASTERDOWN", "BUSY", "OOM", "TRYAGAIN", "CLUSTERDOWN")) {
            if (message.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private UnavailableException failed() {
        if (!closed && down.compareAndSet(false, true)) {
            Messages.TASK_STORE_DOWN.log(LOG, null, where);
        }
        return new UnavailableException("Redis at " + where + " did not answer");
    }

    /** Redis does not hold the script (yet). */
    private static final class NoScript extends RuntimeException {
        NoScript() {
            super(null, null, false, false);
        }
    }

    /** A Lua script and its SHA-1 digest. */
    private record Script(String source, String sha) {
        Script(String source) {
            this(source, sha1(source));
        }

        private static String sha1(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is not available", e);
            }
        }
    }
}
