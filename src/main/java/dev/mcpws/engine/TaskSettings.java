package dev.mcpws.engine;

import java.util.UUID;

/**
 * The limits of tasks ({@code io.modelcontextprotocol/tasks}).
 *
 * @param ttlMs             {@code mcp.tasks.ttl-ms}: a task (and its result) is kept this long after its creation, then
 *                          removed; work still running then is cancelled and the task failed
 * @param pollIntervalMs    {@code mcp.tasks.poll-interval-ms}: the {@code pollIntervalMs} suggested to clients
 * @param maxLivePerCaller  {@code mcp.tasks.max-live-per-caller}: tasks one caller may have working or waiting for
 *                          input at once; one more is refused with -32008
 * @param maxStored         {@code mcp.tasks.max-stored}: tasks kept at once (finished ones until their TTL ends);
 *                          one more is refused with -32008
 * @param leaseMs           {@code mcp.tasks.lease-ms}: the node running a task renews its lease every third of this;
 *                          a task whose lease ran out (its node died) is reported failed
 * @param nodeId            this node's name in leases
 */
public record TaskSettings(long ttlMs, long pollIntervalMs, int maxLivePerCaller, int maxStored, long leaseMs,
                           String nodeId) {

    public static final TaskSettings DEFAULTS = new TaskSettings(3_600_000, 1_000, 32, 10_000, 30_000,
            UUID.randomUUID().toString());

    public TaskSettings {
        if (ttlMs < 1_000 || pollIntervalMs < 1 || leaseMs < 300) {
            throw new IllegalArgumentException("mcp.tasks.ttl-ms must be >= 1000, mcp.tasks.poll-interval-ms >= 1 "
                    + "and mcp.tasks.lease-ms >= 300");
        }
        if (maxLivePerCaller < 1 || maxStored < 1) {
            throw new IllegalArgumentException("mcp.tasks.max-live-per-caller and mcp.tasks.max-stored must be >= 1");
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = UUID.randomUUID().toString();
        }
    }
}
