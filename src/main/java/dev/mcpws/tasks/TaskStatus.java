package dev.mcpws.tasks;

/** The states of a task (SEP-2663); {@code completed}, {@code failed} and {@code cancelled} are terminal. */
public enum TaskStatus {
    WORKING("working"), INPUT_REQUIRED("input_required"), COMPLETED("completed"), FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    /** The name on the wire. */
    public String wire() {
        return wire;
    }

    /** True once the task's state can no longer change. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static TaskStatus ofWire(String s) {
        for (TaskStatus t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown task status: " + s);
    }
}
