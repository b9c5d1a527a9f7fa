package dev.mcpws.cluster;

import java.util.Objects;

/**
 * How this node takes part in a cluster.
 *
 * @param redisUri  {@code mcp.cluster.redis-uri} (may hold a password: never log it)
 * @param channel   {@code mcp.cluster.channel}, the Redis pub/sub channel every node of this cluster uses
 * @param node      this node's id (random per start), sent in every envelope
 * @param server    {@code mcp.server.name/mcp.server.version}
 * @param key       fingerprint of {@code mcp.mrtr.secret}
 * @param maxQueued received messages that may wait for delivery; more are dropped (counted)
 */
public record ClusterSettings(String redisUri, String channel, String node, String server, String key, int maxQueued) {

    public ClusterSettings {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        if (channel.isBlank() || maxQueued < 1) {
            throw new IllegalArgumentException("a channel and maxQueued >= 1 are needed");
        }
    }

    /** What this node announces about itself, for the comparison with a peer. */
    public String identity() {
        return server + " (secret fingerprint " + key + ")";
    }
}
