package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The one era rule every transport asks. */
class EraRuleTest {

    private final EraRule rule = McpEngine.builder(EngineHarness.SERVER_INFO, Executors.newSingleThreadExecutor())
            .features(List.of(new TestFeature())).build().eraRule();

    private static JsonRpcRequest request(String method, JsonObject meta) {
        var params = Json.createObjectBuilder();
        if (meta != null) {
            params.add("_meta", meta);
        }
        return new JsonRpcRequest(RequestId.of(1), method, params.build());
    }

    private static JsonObject meta(String key) {
        return Json.createObjectBuilder().add("io.modelcontextprotocol/" + key,
                "protocolVersion".equals(key) ? Json.createValue("2026-07-28") : Json.createObjectBuilder().build()).build();
    }

    @Test
    void metaMakesARequestModernWhateverElseIsTrue() {
        for (String key : List.of("protocolVersion", "clientCapabilities")) {
            assertEquals(Era.MODERN, rule.decide(request("test/echo", meta(key)), true, "2025-11-25"), key);
        }
    }

    @Test
    void aModernOnlyMethodIsModern() {
        assertEquals(Era.MODERN, rule.decide(request("server/discover", null), true, null));
    }

    @Test
    void theDeclaredVersionDecidesWithoutMeta() {
        assertEquals(Era.MODERN, rule.decide(request("test/echo", null), true, " 2026-07-28 "));
        assertEquals(Era.LEGACY, rule.decide(request("test/echo", null), false, "2025-11-25"),
                "a legacy client without a handshake yet");
    }

    @Test
    void aHandshakeInitializeOrPingIsLegacy() {
        assertEquals(Era.LEGACY, rule.decide(request("test/echo", null), true, null));
        assertEquals(Era.LEGACY, rule.decide(request("initialize", null), false, null));
        assertEquals(Era.LEGACY, rule.decide(request("ping", null), false, null));
    }

    @Test
    void anythingElseIsModern() {
        assertEquals(Era.MODERN, rule.decide(request("test/echo", null), false, null));
        assertEquals(Era.MODERN, rule.decide(request("test/echo", null), false, "1999-01-01"));
    }
}
