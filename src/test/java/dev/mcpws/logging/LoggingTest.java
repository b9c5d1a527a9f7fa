package dev.mcpws.logging;

import static dev.mcpws.engine.EngineHarness.json;
import static dev.mcpws.engine.EngineHarness.modernMeta;
import static dev.mcpws.engine.EngineHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.McpLog;
import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.MethodHandler;
import dev.mcpws.engine.ServerFeature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** logging/setLevel, the 2026-07-28 _meta level, and McpLog messages that belong to their request. */
class LoggingTest {

    /** A structured log payload. */
    record Rows(String table, int count) {
    }

    /** {@code test/log}: one message per level from debug to error, then returns; keeps its log for later. */
    static final class LogFeature implements ServerFeature {
        volatile McpLog last;

        @Override
        public List<dev.mcpws.engine.MethodSpec> methods() {
            return List.of(dev.mcpws.engine.MethodSpec.of("test/log", ctx -> {
                McpLog log = RequestLog.of(ctx);
                last = log;
                log.debug("d");
                log.named("db").info(new Rows("orders", 3));
                log.warning(Json.createObjectBuilder().add("k", "v").build());
                log.error("e");
                return CompletableFuture.completedFuture(Json.createObjectBuilder()
                        .add("debugEnabled", log.isEnabled(McpLog.Level.DEBUG)).build());
            }));
        }

        @Override
        public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
            // none
        }
    }

    private final LogFeature feature = new LogFeature();
    private EngineHarness h;

    @BeforeEach
    void start() {
        h = new EngineHarness(List.of(new LoggingFeature(), feature));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static JsonObject message(String level, String logger, String dataJson) {
        JsonObjectBuilder p = Json.createObjectBuilder().add("level", level);
        if (logger != null) {
            p.add("logger", logger);
        }
        p.add("data", json(dataJson));
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/message").add("params", p).build();
    }

    static final JsonObject DEBUG = message("debug", null, "'d'");
    static final JsonObject INFO = message("info", "db", "{'table':'orders','count':3}");
    static final JsonObject WARNING = message("warning", null, "{'k':'v'}");
    static final JsonObject ERROR = message("error", null, "'e'");

    /** Sends test/log and returns the messages that came before its response (which is checked). */
    private List<JsonObject> logCall(Object id, JsonObjectBuilder params, int messages) {
        h.send(request(id, "test/log", params));
        List<JsonObject> got = new java.util.ArrayList<>();
        for (int i = 0; i < messages; i++) {
            got.add(h.connection.nextObject());
        }
        JsonObject response = h.connection.nextObject();
        assertTrue(response.containsKey("result"), () -> "expected the response after " + messages + " messages, got "
                + response + " after " + got);
        return got;
    }

    @Test
    void legacyWithoutSetLevelGetsEveryLevelWithLoggerAndStructuredData() {
        h.initialize("2025-11-25");
        assertEquals(List.of(DEBUG, INFO, WARNING, ERROR), logCall(1, null, 4));
    }

    @Test
    void legacySetLevelFiltersLowerLevelsForTheConnection() {
        h.initialize("2025-06-18");
        assertEquals(json("{'jsonrpc':'2.0','id':1,'result':{}}"),
                h.call(request(1, "logging/setLevel", Json.createObjectBuilder().add("level", "warning"))));
        assertEquals(List.of(WARNING, ERROR), logCall(2, null, 2));
        h.call(request(3, "logging/setLevel", Json.createObjectBuilder().add("level", "info")));
        assertEquals(List.of(INFO, WARNING, ERROR), logCall(4, null, 3));
        h.connection.assertNoUnread();
    }

    @Test
    void invalidOrMissingLevelIsInvalidParams() {
        h.initialize("2025-11-25");
        assertEquals(-32602, h.call(request(1, "logging/setLevel", Json.createObjectBuilder().add("level", "verbose")))
                .getJsonObject("error").getInt("code"));
        assertEquals(-32602, h.call(request(2, "logging/setLevel", Json.createObjectBuilder()))
                .getJsonObject("error").getInt("code"));
        assertEquals(List.of(DEBUG, INFO, WARNING, ERROR), logCall(3, null, 4), "a refused level changes nothing");
    }

    @Test
    void modernRequestWithoutLevelGetsNoMessages() {
        assertEquals(List.of(), logCall(1, Json.createObjectBuilder().add("_meta", modernMeta()), 0));
        h.connection.assertNoUnread();
    }

    @Test
    void modernLevelIsPerRequestAndNotInheritedFromTheConnection() {
        h.initialize("2025-11-25");
        h.call(request(1, "logging/setLevel", Json.createObjectBuilder().add("level", "debug")));
        assertEquals(List.of(WARNING, ERROR), logCall(2, Json.createObjectBuilder()
                .add("_meta", modernMeta().add("io.modelcontextprotocol/logLevel", "warning")), 2));
        assertEquals(List.of(), logCall(3, Json.createObjectBuilder().add("_meta", modernMeta()), 0),
                "the next modern request has no level, so nothing");
        assertEquals(List.of(), logCall(4, Json.createObjectBuilder()
                .add("_meta", modernMeta().add("io.modelcontextprotocol/logLevel", "loud")), 0), "unknown level: none");
        assertEquals(-32601, h.call(request(5, "logging/setLevel", Json.createObjectBuilder().add("level", "info")
                .add("_meta", modernMeta()))).getJsonObject("error").getInt("code"), "no setLevel in 2026-07-28");
    }

    @Test
    void nothingIsSentOnceTheRequestIsAnswered() {
        h.initialize("2025-11-25");
        logCall(1, null, 4);
        assertFalse(feature.last.isEnabled(McpLog.Level.EMERGENCY));
        feature.last.emergency("too late");
        h.connection.assertNoUnread();
    }

    @Test
    void loggingCapabilityIsAdvertised() {
        assertEquals(json("{}"), h.initialize("2024-11-05").getJsonObject("result").getJsonObject("capabilities")
                .getJsonObject("logging"));
    }
}
