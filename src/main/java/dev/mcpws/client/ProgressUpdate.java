package dev.mcpws.client;

/** One {@code notifications/progress} of a request: {@code total} and {@code message} may be null. */
public record ProgressUpdate(double progress, Double total, String message) {
}
