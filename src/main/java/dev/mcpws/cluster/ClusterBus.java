package dev.mcpws.cluster;

import dev.mcpws.tasks.TaskStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the server needs from a cluster: announce an event to the other nodes, and be given theirs. A node's own events
 * are delivered locally by the caller (at once, whether or not the cluster is reachable) and never come back through
 * {@link #start}'s consumer. {@link #LOCAL} is the single node: nothing to announce, nothing arrives. A cluster also
 * offers the {@link #taskStore() task store} that every node shares.
 */
public interface ClusterBus extends AutoCloseable {

    /** What the health check shows. */
    record Status(boolean enabled, boolean connected, String node, long reconnects) {
    }

    /**
     * Starts listening: {@code deliver} gets the events of the other nodes, one at a time, in arrival order, on a
     * thread of the bus. Returns at once (a Redis that is down at start is retried in the background).
     */
    void start(Consumer<ClusterEvent> deliver);

    /** Announces {@code event} to the other nodes; never blocks and never throws (a failure is counted). */
    void publish(ClusterEvent event);

    Status status();

    /**
     * The task store every node of this cluster shares (created on the first call, closed with the bus), or empty on
     * one node, whose tasks stay in memory.
     */
    default Optional<TaskStore> taskStore() {
        return Optional.empty();
    }

    /** Stops listening and releases connections and threads. */
    @Override
    void close();

    ClusterBus LOCAL = new ClusterBus() {
        private final Status status = new Status(false, false, null, 0);

        @Override
        public void start(Consumer<ClusterEvent> deliver) {
        }

        @Override
        public void publish(ClusterEvent event) {
        }

        @Override
        public Status status() {
            return status;
        }

        @Override
        public void close() {
        }
    };
}
