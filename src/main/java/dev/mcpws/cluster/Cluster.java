package dev.mcpws.cluster;

import dev.mcpws.diagnostics.Messages;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens the cluster bus the configuration asks for: {@link ClusterBus#LOCAL} without {@code mcp.cluster.redis-uri}
 * (no Redis class is loaded, no thread started), else the Redis bus, after checking what a cluster must share.
 */
public final class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    /** Received messages that may wait for delivery, unless configured. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;

    private Cluster() {
    }

    /**
     * @param redisUri  {@code mcp.cluster.redis-uri}, null or blank for one node
     * @param channel   {@code mcp.cluster.channel}
     * @param server    {@code name/version} of this server
     * @param sharedKey the key of {@code mcp.mrtr.secret}, null when it is not set
     * @param maxQueued received messages that may wait for delivery
     * @param listener  the metrics
     * @throws IllegalStateException in cluster mode without {@code mcp.mrtr.secret} (logged as {@code CLUSTER_NEEDS_SECRET}) or with
     *                               an unreadable URI ({@code CLUSTER_URI_INVALID}): the application must not start
     */
    public static ClusterBus open(String redisUri, String channel, String server, byte[] sharedKey, int maxQueued,
                                  ClusterListener listener) {
        if (redisUri == null || redisUri.isBlank()) {
            return ClusterBus.LOCAL;
        }
        if (sharedKey == null) {
            Messages.CLUSTER_NEEDS_SECRET.log(LOG, null);
            throw new IllegalStateException(Messages.CLUSTER_NEEDS_SECRET.format());
        }
        ClusterSettings settings = new ClusterSettings(redisUri.trim(), channel, newNodeId(), server,
                fingerprint(sharedKey), maxQueued);
        // the only reference to the Redis package: it (and Lettuce, Netty, Reactor) is loaded from here on only
        return dev.mcpws.cluster.redis.RedisClusterBus.open(settings, listener);
    }

    /** A fresh id for this node's run: 16 hex digits of a random UUID. */
    static String newNodeId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** 16 hex digits of HMAC-SHA256(key, "mcp-ws cluster"): equal keys give equal fingerprints; the key stays secret. */
    static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal("mcp-ws cluster".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
