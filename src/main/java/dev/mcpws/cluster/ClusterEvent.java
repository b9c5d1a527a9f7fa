package dev.mcpws.cluster;

import java.util.Objects;

/**
 * Something every node delivers to its own clients: a list changed, or the contents of one resource changed.
 *
 * @param kind what happened
 * @param uri  the resource, for {@link Kind#RESOURCE_UPDATED} only (else null)
 */
public record ClusterEvent(Kind kind, String uri) {

    /** What happened; {@link #wire()} is its stable name in an {@link Envelope}. */
    public enum Kind {
        /** {@code notifications/tools/list_changed}. */
        TOOLS_LIST_CHANGED("tools/list_changed"),
        /** {@code notifications/resources/list_changed}. */
        RESOURCES_LIST_CHANGED("resources/list_changed"),
        /** {@code notifications/resources/updated {uri}}. */
        RESOURCE_UPDATED("resources/updated");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The kind named {@code wire}, or null (a newer node's kind: skipped). */
        public static Kind ofWire(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            return null;
        }
    }

    public ClusterEvent {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.RESOURCE_UPDATED) != (uri != null)) {
            throw new IllegalArgumentException(kind + (uri == null ? " needs a uri" : " has no uri"));
        }
    }

    public static final ClusterEvent TOOLS_CHANGED = new ClusterEvent(Kind.TOOLS_LIST_CHANGED, null);
    public static final ClusterEvent RESOURCES_CHANGED = new ClusterEvent(Kind.RESOURCES_LIST_CHANGED, null);

    public static ClusterEvent resourceUpdated(String uri) {
        return new ClusterEvent(Kind.RESOURCE_UPDATED, Objects.requireNonNull(uri, "uri"));
    }
}
