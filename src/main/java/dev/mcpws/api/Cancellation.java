package dev.mcpws.api;

/**
 * Tells long-running code that the client cancelled the request ({@code notifications/cancelled}) or closed the
 * connection. Declare it as a tool parameter (or {@code @Inject} it) and poll it; the worker thread is also
 * interrupted. After a cancel the client gets no response, whatever the method returns.
 */
public interface Cancellation {

    boolean isCancelled();

    /** The reason the client gave, or null. */
    String reason();

    /** Throws {@link CancelledException} when the request was cancelled. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException(reason());
        }
    }

    /** Thrown by {@link #throwIfCancelled()}; the engine sends nothing for it. */
    final class CancelledException extends RuntimeException {
        public CancelledException(String reason) {
            super(reason == null ? "cancelled" : reason, null, false, false);
        }
    }
}
