package dev.mcpws.api;

/**
 * Reports progress of the current request as {@code notifications/progress}, when the client asked for it with a
 * {@code _meta.progressToken}; otherwise the calls do nothing. Declare it as a tool parameter (or {@code @Inject} it).
 * Progress values must increase; a value not above the previous one is dropped.
 */
public interface Progress {

    /** True when the client sent a progress token, i.e. reports reach it. */
    boolean isRequested();

    void report(double progress, Double total, String message);

    default void report(double progress, double total) {
        report(progress, total, null);
    }

    default void report(double progress) {
        report(progress, null, null);
    }
}
