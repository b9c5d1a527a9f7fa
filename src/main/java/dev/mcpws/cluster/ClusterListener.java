package dev.mcpws.cluster;

/**
 * What a cluster link reports (the metrics implement it). Called on the link's own threads: keep it cheap. Every
 * argument is one of a fixed set of values, never a string a client chose.
 */
public interface ClusterListener {

    /** Why a cluster message was not delivered. */
    enum Drop {
        /** Not published: Redis was unreachable (the local clients got it; the other nodes did not). */
        REDIS_DOWN("redis_down"),
        /** Received but unreadable (not an envelope of this version, or too large). */
        MALFORMED("malformed"),
        /** Received but the delivery queue was full. */
        OVERFLOW("overflow");

        private final String tag;

        Drop(String tag) {
            this.tag = tag;
        }

        /** The metric label. */
        public String tag() {
            return tag;
        }
    }

    ClusterListener NONE = new ClusterListener() {
    };

    /** A message of this node reached Redis. */
    default void published() {
    }

    /** A message of another node arrived and was queued for delivery to this node's clients. */
    default void received() {
    }

    default void dropped(Drop why) {
    }

    /** The link to Redis came back after it was lost. */
    default void reconnected() {
    }
}
