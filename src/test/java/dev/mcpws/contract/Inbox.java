package dev.mcpws.contract;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Every message the server sent for one client, in arrival order: responses, notifications and server-to-client
 * requests alike. Awaiting claims a message, so two awaits never return the same one; the order stays available
 * for "what came between" questions. Thread-safe: wires add from their reader threads.
 */
public final class Inbox {

    /** How long any await waits for an expected message before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One received message and its position in arrival order. */
    public record Seen(int index, JsonObject json) {
    }

    private final List<JsonObject> all = new ArrayList<>();
    private final BitSet claimed = new BitSet();
    private Supplier<String> diagnostics = () -> "";

    /** Text appended to timeout failures (e.g. HTTP statuses the wire saw). */
    public void diagnostics(Supplier<String> d) {
        this.diagnostics = d;
    }

    public synchronized void add(JsonObject message) {
        all.add(message);
        notifyAll();
    }

    /** The number of messages received so far (a position for {@link #between}). */
    public synchronized int mark() {
        return all.size();
    }

    /** Waits for the first unclaimed message matching {@code p}, claims and returns it; fails after {@link #TIMEOUT}. */
    public Seen await(Predicate<JsonObject> p, String what) {
        return await(p, TIMEOUT, what);
    }

    public synchronized Seen await(Predicate<JsonObject> p, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < all.size(); i++) {
                if (!claimed.get(i) && p.test(all.get(i))) {
                    claimed.set(i);
                    return new Seen(i, all.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; received: " + all + diagnostics.get());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The messages with index in [from, to). */
    public synchronized List<JsonObject> between(int from, int to) {
        return List.copyOf(all.subList(from, Math.min(to, all.size())));
    }

    /** Every message received so far. */
    public synchronized List<JsonObject> all() {
        return List.copyOf(all);
    }

    /** The messages no await has claimed yet. */
    public synchronized List<JsonObject> unclaimed() {
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!claimed.get(i)) {
                out.add(all.get(i));
            }
        }
        return out;
    }
}
