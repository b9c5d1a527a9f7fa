package dev.mcpws.cluster;

import java.util.Objects;

/**
 * Something every node delivers to its own clients: a list changed, the contents of one resource changed, or the
 * status of one task changed.
 *
 * @param kind    what happened
 * @param subject the resource URI of {@link Kind#RESOURCE_UPDATED}, the task id of {@link Kind#TASK_STATUS}, else null
 */
public record ClusterEvent(Kind kind, String subject) {

    /** What happened; {@link #wire()} is its stable name in an {@link Envelope}. */
    public enum Kind {
        /** {@code notifications/tools/list_changed}. */
        TOOLS_LIST_CHANGED("tools/list_changed", null),
        /** {@code notifications/resources/list_changed}. */
        RESOURCES_LIST_CHANGED("resources/list_changed", null),
        /** {@code notifications/resources/updated {uri}}. */
        RESOURCE_UPDATED("resources/updated", "uri"),
        /** A task's status changed in the shared store (receivers read it there: {@code notifications/tasks}). */
        TASK_STATUS("tasks/status", "taskId");

        private final String wire;
        private final String subjectMember;

        Kind(String wire, String subjectMember) {
            this.wire = wire;
            this.subjectMember = subjectMember;
        }

        public String wire() {
            return wire;
        }

        /** The envelope member that carries the subject ({@code uri}, {@code taskId}), or null for kinds without one. */
        public String subjectMember() {
            return subjectMember;
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
        if ((kind.subjectMember() != null) != (subject != null)) {
            throw new IllegalArgumentException(kind + (subject == null ? " needs a " + kind.subjectMember()
                    : " has no subject"));
        }
    }

    /** The resource URI of {@link Kind#RESOURCE_UPDATED}, else null. */
    public String uri() {
        return kind == Kind.RESOURCE_UPDATED ? subject : null;
    }

    /** The task id of {@link Kind#TASK_STATUS}, else null. */
    public String taskId() {
        return kind == Kind.TASK_STATUS ? subject : null;
    }

    public static final ClusterEvent TOOLS_CHANGED = new ClusterEvent(Kind.TOOLS_LIST_CHANGED, null);
    public static final ClusterEvent RESOURCES_CHANGED = new ClusterEvent(Kind.RESOURCES_LIST_CHANGED, null);

    public static ClusterEvent resourceUpdated(String uri) {
        return new ClusterEvent(Kind.RESOURCE_UPDATED, Objects.requireNonNull(uri, "uri"));
    }

    public static ClusterEvent taskStatus(String taskId) {
        return new ClusterEvent(Kind.TASK_STATUS, Objects.requireNonNull(taskId, "taskId"));
    }
}
