package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * McpLog from tools: legacy {@code logging/setLevel}, the per-request 2026-07-28 level, nothing without one. A
 * request's log messages travel before its response on the same ordered channel, so the reply holds all of them.
 */
public interface LoggingContract extends ContractTransport {

    static List<String> levels(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("level")).toList();
    }

    @Test
    default void legacyGetsEveryLevelUntilSetLevelThenOnlyFromThatLevel() {
        try (McpTestClient c = client(Era.LEGACY)) {
            List<JsonObject> all = c.tool("log_levels").param("arguments", obj()).call().logs();
            assertEquals(List.of("debug", "info", "warning", "error"), levels(all));
            assertEquals(obj().add("level", "info").add("logger", "it").add("data", obj().add("step", 1)).build(), all.get(1));
            assertEquals(Json.createValue("debug message"), all.get(0).get("data"));

            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.request("logging/setLevel").param("level", "warning").result());
            assertEquals(List.of("warning", "error"), levels(c.tool("log_levels").param("arguments", obj()).call().logs()));
            c.request("logging/setLevel").param("level", "loud").error(-32602);
            assertEquals(List.of("warning", "error"), levels(c.tool("log_levels").param("arguments", obj()).call().logs()),
                    "unchanged by the bad level");
        }
    }

    @Test
    default void modernRequestsGetMessagesOnlyAtTheirOwnLevel() {
        try (McpTestClient m = client(Era.MODERN)) {
            assertEquals(List.of(), m.tool("log_levels").param("arguments", obj()).call().notifications(), "no level, no messages");
            assertEquals(List.of("warning", "error"), levels(m.tool("log_levels").param("arguments", obj()).logLevel("warning").call().logs()));
            assertEquals(List.of("debug", "info", "warning", "error"),
                    levels(m.tool("log_levels").param("arguments", obj()).logLevel("debug").call().logs()));
            assertEquals(List.of(), m.tool("log_levels").param("arguments", obj()).call().notifications(),
                    "the level of an earlier request does not carry over");
            assertEquals(List.of(obj().add("level", "notice").add("data", "hello").build()),
                    m.tool("log_param").arg("text", "hello").logLevel("notice").call().logs());
            m.request("logging/setLevel").param("level", "info").error(-32601);
        }
    }

    @Test
    default void legacyInitializeAdvertisesLogging() {
        try (McpTestClient c = legacyClient("2024-11-05")) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.initializeResult().getJsonObject("capabilities").getJsonObject("logging"));
        }
    }
}
