package dev.mcpws.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for futures the way the synchronous API promises: {@link McpClientException}s only. */
final class Futures {

    private Futures() {
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new McpClientException("Interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof McpClientException m) {
                throw m;
            }
            throw new McpClientException(cause.getMessage(), cause);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
