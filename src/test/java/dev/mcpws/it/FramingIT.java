package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error and the socket stays usable; binary and oversize frames close it. */
@RunAsClient
class FramingIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private static JsonObject nullIdError(WsClient c) {
        return c.await(m -> m.containsKey("error") && m.get("id").getValueType() == JsonValue.ValueType.NULL, "error with id null");
    }

    @Test
    void malformedJsonGetsParseErrorAndTheSocketStaysOpen() {
        try (WsClient c = legacy(LEGACY)) {
            c.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            assertError(nullIdError(c), -32700);
            c.sendText("not json at all");
            assertError(nullIdError(c), -32700);
            assertTrue(c.call("tools/list", null).containsKey("tools"), "the socket still serves requests");
        }
    }

    @Test
    void nonJsonRpcGetsInvalidRequest() {
        try (WsClient c = legacy(LEGACY)) {
            c.sendText("{\"hello\":\"world\"}");
            assertError(nullIdError(c), -32600);
            c.sendText("42");
            assertError(nullIdError(c), -32600);
            c.sendText("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");
            JsonObject wrongVersion = c.awaitResponse(7);
            assertError(wrongVersion, -32600);
            assertTrue(c.call("ping", null).isEmpty());
        }
    }

    @Test
    void nullIdIsInvalidRequest() {
        try (WsClient c = legacy(LEGACY)) {
            c.sendText("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}");
            assertError(nullIdError(c), -32600);
        }
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("tools/explode", null), -32601);
        }
        try (WsClient c = connect()) {
            assertError(c.request("tools/explode", modern()), -32601);
        }
    }

    @Test
    void binaryMessageClosesWith1003() {
        try (WsClient c = connect("mcp")) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, c.awaitClose());
        }
    }

    @Test
    void oversizeMessageClosesWith1009() {
        try (WsClient c = connect("mcp")) {
            String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
            c.sendText(big);
            assertEquals(1009, c.awaitClose());
        }
    }

    @Test
    void messageJustBelowTheLimitIsServed() {
        try (WsClient c = connect("mcp")) {
            String padded = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(60_000) + "\"}}";
            c.sendText(padded);
            assertTrue(c.awaitResponse(1).containsKey("result"));
        }
    }

    /**
     * The endpoint takes text in parts (to bound fragmented messages): a large single-frame message full of multi-byte
     * characters (2, 3 and 4 bytes, surrogate pairs) must still arrive whole and exact, whatever buffer sizes the
     * container reads it with.
     */
    @Test
    void aLargeMessageOfMultiByteCharactersArrivesExactly() {
        String text = "\u00e9\u20ac\ud83d\ude00ab".repeat(5_000); // 55,000 bytes of UTF-8, under the 65,536 limit
        try (WsClient c = legacy(LEGACY)) {
            JsonObject result = c.call("tools/call", toolCall("echo", args().add("text", text)));
            assertEquals(text, result.getJsonArray("content").getJsonObject(0).getString("text"));
        }
    }
}
