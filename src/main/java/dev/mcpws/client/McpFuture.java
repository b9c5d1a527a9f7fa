package dev.mcpws.client;

import java.util.concurrent.CompletableFuture;

/**
 * The future of one request. Cancelling it sends {@code notifications/cancelled} for the request (when it was sent)
 * and forgets it; the server stops the work.
 */
public final class McpFuture<T> extends CompletableFuture<T> {

    private volatile Runnable onCancel;

    void onCancel(Runnable r) {
        this.onCancel = r;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Runnable r = onCancel;
        if (cancelled && r != null) {
            r.run();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
