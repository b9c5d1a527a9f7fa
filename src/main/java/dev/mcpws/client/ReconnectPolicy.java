package dev.mcpws.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try again after a connection is lost: exponential backoff with full jitter. The n-th attempt (n = 0, 1, ...)
 * waits a uniformly random time in {@code [0, min(maxDelay, initialDelay * multiplier^n)]}. The client gives up after
 * {@code maxAttempts} attempts (0 = no limit) or when the outage has lasted {@code maxElapsed} ({@link Duration#ZERO} =
 * no limit), whichever comes first.
 *
 * @param initialDelay the cap of the first delay
 * @param multiplier   how much the cap grows per attempt (>= 1)
 * @param maxDelay     the largest cap
 * @param maxAttempts  attempts before giving up, 0 for unlimited
 * @param maxElapsed   the longest outage before giving up, zero for unlimited
 */
public record ReconnectPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts,
        Duration maxElapsed) {

    /** 200 ms initial, x2, at most 30 s apart, unlimited attempts, give up after 5 minutes of outage. */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(30), 0, Duration.ofMinutes(5));

    /** Never reconnect: the first lost connection ends the client. */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ZERO, 1.0, Duration.ZERO, -1, Duration.ZERO);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (multiplier < 1.0 || initialDelay.isNegative() || maxDelay.isNegative() || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("multiplier >= 1 and non-negative durations, please");
        }
    }

    /** Retry forever with the default delays (the stdio bridge's policy). */
    public static ReconnectPolicy forever() {
        return DEFAULT.withMaxElapsed(Duration.ZERO);
    }

    public ReconnectPolicy withInitialDelay(Duration d) {
        return new ReconnectPolicy(d, multiplier, maxDelay, maxAttempts, maxElapsed);
    }

    public ReconnectPolicy withMultiplier(double m) {
        return new ReconnectPolicy(initialDelay, m, maxDelay, maxAttempts, maxElapsed);
    }

    public ReconnectPolicy withMaxDelay(Duration d) {
        return new ReconnectPolicy(initialDelay, multiplier, d, maxAttempts, maxElapsed);
    }

    public ReconnectPolicy withMaxAttempts(int n) {
        return new ReconnectPolicy(initialDelay, multiplier, maxDelay, n, maxElapsed);
    }

    public ReconnectPolicy withMaxElapsed(Duration d) {
        return new ReconnectPolicy(initialDelay, multiplier, maxDelay, maxAttempts, d);
    }

    /** True when this policy never reconnects. */
    public boolean disabled() {
        return maxAttempts < 0;
    }

    /** The cap of the delay before attempt {@code attempt} (0-based). */
    public long capMillis(int attempt) {
        double cap = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt, 64));
        return (long) Math.min(cap, (double) maxDelay.toMillis());
    }

    /** The delay before attempt {@code attempt}: full jitter, uniformly random in [0, cap]. */
    public long delayMillis(int attempt, RandomGenerator random) {
        long cap = capMillis(attempt);
        return cap <= 0 ? 0 : random.nextLong(cap + 1);
    }

    /** True when no further attempt may be made after {@code attemptsMade} attempts and {@code elapsed} of outage. */
    public boolean exhausted(int attemptsMade, Duration elapsed) {
        if (disabled()) {
            return true;
        }
        if (maxAttempts > 0 && attemptsMade >= maxAttempts) {
            return true;
        }
        return !maxElapsed.isZero() && elapsed.compareTo(maxElapsed) >= 0;
    }
}
