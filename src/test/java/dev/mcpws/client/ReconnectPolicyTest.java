package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 5,
            Duration.ofSeconds(30));

    @Test
    void capGrowsExponentiallyUpToTheMaximum() {
        assertEquals(100, policy.capMillis(0));
        assertEquals(200, policy.capMillis(1));
        assertEquals(800, policy.capMillis(3));
        assertEquals(1000, policy.capMillis(4));
        assertEquals(1000, policy.capMillis(500));
    }

    @Test
    void delaysAreFullJitterWithinTheCap() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = policy.delayMillis(2, random);
            assertTrue(d >= 0 && d <= 400, "delay " + d);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 40 && max > 360, "spread over [0, cap]: " + min + ".." + max);
    }

    @Test
    void givesUpOnAttemptsOrElapsedTime() {
        assertFalse(policy.exhausted(4, Duration.ofSeconds(1)));
        assertTrue(policy.exhausted(5, Duration.ofSeconds(1)));
        assertTrue(policy.exhausted(1, Duration.ofSeconds(30)));
        ReconnectPolicy forever = ReconnectPolicy.forever();
        assertFalse(forever.exhausted(1_000_000, Duration.ofDays(1)));
        assertTrue(ReconnectPolicy.NEVER.disabled());
        assertTrue(ReconnectPolicy.NEVER.exhausted(0, Duration.ZERO));
        assertFalse(ReconnectPolicy.DEFAULT.exhausted(100, Duration.ofMinutes(4)));
        assertTrue(ReconnectPolicy.DEFAULT.exhausted(100, Duration.ofMinutes(5)));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Heartbeat(Duration.ofSeconds(1), Duration.ZERO));
    }
}
