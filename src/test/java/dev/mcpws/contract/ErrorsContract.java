package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Protocol errors common to both eras (tool-specific ones are in ToolsContract, era rules in ErasContract). */
public interface ErrorsContract extends ContractTransport {

    @ParameterizedTest
    @EnumSource(Era.class)
    default void unknownMethodIsMinus32601AndTheClientGoesOn(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject error = c.request("no/such").error(-32601);
            assertTrue(error.getString("message").contains("no/such"), error::toString);
            c.sync();
        }
    }

    @org.junit.jupiter.api.Test
    default void legacyMethodsAreMinus32601In2026() {
        // the other direction (a 2026-07-28-only method without _meta) is in ErasContract and SubscriptionsContract
        try (McpTestClient c = client(Era.MODERN)) {
            c.request("resources/unsubscribe").param("uri", "it://config").error(-32601);
            c.request("resources/subscribe").param("uri", "it://config").error(-32601);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void aToolRunningPastItsTimeoutIsCancelledWithMinus32003(Era era) {
        try (McpTestClient c = client(era)) {
            long start = System.nanoTime();
            JsonObject error = c.tool("sleepy").param("arguments", obj()).error(-32003);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(error.getString("message").contains("300 ms"), error::toString);
            // its own 300 ms, not the default request timeout (1 s in memory, 2 s in the contract deployment)
            assertTrue(millis < 900, () -> "the -32003 of a 300 ms tool came after " + millis + " ms");
            c.sync();
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void anIdStillInFlightIsMinus32005(Era era) {
        org.junit.jupiter.api.Assumptions.assumeTrue(era == Era.LEGACY || has(Capability.CONNECTION),
                "every HTTP 2026-07-28 request is a connection of its own: ids cannot collide");
        String key = "dup-" + era + "-" + java.util.UUID.randomUUID();
        try (McpTestClient c = client(era)) {
            McpTestClient.Pending running = c.tool("cancel_probe").arg("key", key).progress("dup").send();
            c.await(m -> McpTestClient.is(m, "notifications/progress"), "the first progress: the call is running");
            long id = running.id() instanceof jakarta.json.JsonNumber n ? n.longValue() : -1;
            (era == Era.MODERN ? c.request("tools/list") : c.request("ping")).id(id).error(-32005);
            c.cancel(running);
            ProgressCancellationContract.awaitCancelled(c, key);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void badParamShapesAreMinus32602(Era era) {
        try (McpTestClient c = client(era)) {
            c.request("tools/list").param("cursor", obj()).error(-32602);
            c.request("prompts/get").param("name", 5).error(-32602);
            c.request("resources/read").param("uri", 5).error(-32602);
            c.request("completion/complete").param("ref", "nope").error(-32602);
        }
    }
}
