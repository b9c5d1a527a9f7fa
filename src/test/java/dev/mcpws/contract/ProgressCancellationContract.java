package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.is;
import static dev.mcpws.contract.McpTestClient.isResponseTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Progress while a tool runs; cancellation stops it and no response follows. "Running" is signalled by the tool's
 * first progress notification, "stopped" by the fixture's {@code probe_state}: no sleeps stand in for either.
 */
public interface ProgressCancellationContract extends ContractTransport {

    static String probeState(McpTestClient c, String key) {
        return c.tool("probe_state").arg("key", key).call().text();
    }

    /** Waits until the probe {@code key} ended, and checks that a cancel (not the request timeout) ended it. */
    static void awaitCancelled(McpTestClient observer, String key) {
        Awaitility.await("cancel_probe " + key + " stops").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !"running".equals(probeState(observer, key)));
        String state = probeState(observer, key);
        assertTrue(state.startsWith("cancelled"), state);
        assertNotEquals("cancelled: timeout", state, "the request timeout stopped it, not the cancel");
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void progressIsReportedWithTheClientsToken(Era era) {
        try (McpTestClient c = client(era)) {
            McpTestClient.Reply r = c.tool("slow_task").arg("steps", 3).arg("stepMillis", 20).progress("tok-1").call();
            List<JsonObject> progress = r.progress();
            assertEquals(3, progress.size(), r.notifications()::toString);
            for (int i = 1; i <= 3; i++) {
                JsonObject p = progress.get(i - 1);
                assertEquals("tok-1", p.getString("progressToken"));
                assertEquals(i, p.getJsonNumber("progress").intValue());
                assertEquals(3, p.getJsonNumber("total").intValue());
                assertEquals("step " + i + " of 3", p.getString("message"));
            }
            assertEquals("Completed 3 steps", r.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void injectedProgressWorksInBothEras(Era era) {
        try (McpTestClient c = client(era)) {
            McpTestClient.Reply r = c.tool("injected_progress").progress(77).call();
            assertEquals(2, r.progress().size(), r.notifications()::toString);
            assertEquals(77, r.progress().get(0).getInt("progressToken"));
            assertEquals("half", r.progress().get(0).getString("message"));
            assertEquals("reported=true", r.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void noProgressWithoutAToken(Era era) {
        try (McpTestClient c = client(era)) {
            // a request's notifications come before its response on its channel: none came
            McpTestClient.Reply r = c.tool("slow_task").arg("steps", 2).arg("stepMillis", 10).call();
            assertEquals(List.of(), r.notifications());
            assertEquals("Completed 2 steps", r.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void cancelledCallGetsNoResponseAndTheClientGoesOn(Era era) {
        String key = "cancel-" + era + "-" + UUID.randomUUID();
        try (McpTestClient c = client(era)) {
            McpTestClient.Pending call = c.tool("cancel_probe").arg("key", key).progress("cancel-me").send();
            c.await(m -> is(m, "notifications/progress"), "the first progress: the call is running");
            c.cancel(call);
            int mark = c.inbox().mark();
            awaitCancelled(c, key);
            c.sync(); // a response would have been sent when the tool returned, before this answer
            List<JsonObject> after = c.inbox().all();
            assertTrue(after.stream().noneMatch(m -> isResponseTo(m, call.id())), () -> "a response arrived after the cancel: " + after);
            long progressAfter = c.inbox().between(mark, Integer.MAX_VALUE).stream().filter(m -> is(m, "notifications/progress")).count();
            assertTrue(progressAfter <= 2, () -> "progress went on after the cancel: " + after);
            // the id may be used again once the request is gone
            McpTestClient.Reply again = (era == Era.MODERN ? c.request("tools/list") : c.request("ping"))
                    .id(call.id().toString().matches("\\d+") ? Long.parseLong(call.id().toString()) : 0).call();
            assertTrue(again.response().containsKey("result"), again.response()::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void closingTheConnectionCancelsItsWork(Era era) {
        String key = "close-" + era + "-" + UUID.randomUUID();
        try (McpTestClient observer = client(Era.LEGACY)) {
            McpTestClient c = client(era);
            c.tool("cancel_probe").arg("key", key).progress("close-me").send();
            c.await(m -> is(m, "notifications/progress"), "the first progress: the call is running");
            c.close();
            awaitCancelled(observer, key);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void closingTheConnectionCancelsSilentWorkToo(Era era) {
        // a 2026-07-28 POST that has written nothing yet cannot see its client go: only a write (progress, keep-alive
        // on an open stream) detects it, so over HTTP only the legacy session (DELETE) cancels silent work
        org.junit.jupiter.api.Assumptions.assumeTrue(era == Era.LEGACY || has(Capability.CONNECTION),
                "an HTTP 2026-07-28 request without output cannot notice its client is gone");
        String key = "silent-" + era + "-" + UUID.randomUUID();
        try (McpTestClient observer = client(Era.LEGACY)) {
            McpTestClient c = client(era);
            c.tool("cancel_probe").arg("key", key).send(); // no progress token: nothing goes to the client
            Awaitility.await("cancel_probe " + key + " runs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "running".equals(probeState(observer, key)));
            c.close();
            awaitCancelled(observer, key);
        }
    }
}
