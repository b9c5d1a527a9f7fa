package dev.mcpws.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.MethodHandler;
import dev.mcpws.engine.MethodSpec;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HttpRulesTest {

    static JsonObject meta(String version) {
        return Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", version)
                .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder()).build();
    }

    static JsonRpcRequest call(String tool) {
        return new JsonRpcRequest(RequestId.of(1), "tools/call",
                Json.createObjectBuilder().add("name", tool).add("_meta", meta("2026-07-28")).build());
    }

    static Map<String, String> headers(String... kv) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** An engine whose methods name their targets as the real features do. */
    static final McpEngine ENGINE = McpEngine.builder(new ServerInfo("t", "1", null, null),
            java.util.concurrent.Executors.newSingleThreadExecutor()).feature(new ServerFeature() {
                @Override
                public java.util.List<MethodSpec> methods() {
                    MethodHandler none = ctx -> java.util.concurrent.CompletableFuture.completedFuture(JsonObject.EMPTY_JSON_OBJECT);
                    return java.util.List.of(MethodSpec.of("tools/call", none).target(MethodSpec.Target.TOOL),
                            MethodSpec.of("tools/list", none),
                            MethodSpec.of("resources/read", none).target(MethodSpec.Target.URI),
                            MethodSpec.of("resources/subscribe", none).only(dev.mcpws.engine.Era.LEGACY)
                                    .target(MethodSpec.Target.URI));
                }

                @Override
                public void capabilities(jakarta.json.JsonObjectBuilder capabilities, String protocolVersion) {
                }
            }).build();

    static Integer check(JsonRpcRequest r, Map<String, String> h) {
        JsonRpcError e = HttpRules.checkModernHeaders(r, h::get, ENGINE);
        return e == null ? null : e.code();
    }

    @Test
    void matchingHeadersPass() {
        assertNull(check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "echo")));
        assertNull(check(call("echo"), headers("mcp-protocol-version", "2026-07-28", "mcp-method", "tools/call", "mcp-name", "  echo ")),
                "header names are case-insensitive, optional whitespace is not part of the value");
        assertNull(check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call",
                "Mcp-Name", "=?base64?ZWNobw==?=")), "base64 sentinel decoded");
    }

    /** One copy of a header could match the body while an intermediary routed on the other: refused. */
    @Test
    void aHeaderSentTwiceWithDifferentValuesIs32020() {
        Map<String, String> first = headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "echo");
        for (String twice : new String[] {"MCP-Protocol-Version", "Mcp-Method", "Mcp-Name"}) {
            JsonRpcError e = HttpRules.checkModernHeaderValues(call("echo"), name -> name.equals(twice)
                    ? java.util.List.of(first.get(name), "other") : java.util.List.of(first.get(name)), ENGINE);
            assertEquals(ErrorCodes.HEADER_MISMATCH, e == null ? null : e.code(), twice);
        }
        assertNull(HttpRules.checkModernHeaderValues(call("echo"), name -> name.equals("Mcp-Name")
                ? java.util.List.of("echo", " echo") : java.util.List.of(first.get(name)), ENGINE),
                "the same value twice is the same header");
    }

    @Test
    void missingOrMismatchedHeadersAre32020() {
        int mismatch = ErrorCodes.HEADER_MISMATCH;
        assertEquals(mismatch, check(call("echo"), headers("Mcp-Method", "tools/call", "Mcp-Name", "echo")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2025-11-25", "Mcp-Method", "tools/call", "Mcp-Name", "echo")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Name", "echo")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list", "Mcp-Name", "echo")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "other")));
        assertEquals(mismatch, check(call("echo"), headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "=?base64?!!?=")));
    }

    @Test
    void resourcesReadComparesTheUri() {
        JsonRpcRequest read = new JsonRpcRequest(RequestId.of("r"), "resources/read",
                Json.createObjectBuilder().add("uri", "time://Europe/Paris").add("_meta", meta("2026-07-28")).build());
        assertNull(check(read, headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "resources/read", "Mcp-Name", "time://Europe/Paris")));
        assertEquals(ErrorCodes.HEADER_MISMATCH, check(read, headers("MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "resources/read", "Mcp-Name", "time://UTC")));
        JsonRpcRequest list = new JsonRpcRequest(RequestId.of(2), "tools/list", Json.createObjectBuilder().add("_meta", meta("2026-07-28")).build());
        assertNull(check(list, headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list")), "no Mcp-Name for lists");
    }

    @Test
    void aLegacyOnlyMethodNeedsNoMcpNameItIsMinus32601Anyway() {
        JsonRpcRequest subscribe = new JsonRpcRequest(RequestId.of(3), "resources/subscribe",
                Json.createObjectBuilder().add("uri", "a://b").add("_meta", meta("2026-07-28")).build());
        assertNull(check(subscribe, headers("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "resources/subscribe")));
    }

    @Test
    void contentNegotiation() {
        assertTrue(HttpRules.acceptsSse("application/json, text/event-stream"));
        assertTrue(HttpRules.acceptsSse("text/event-stream;q=0.5"));
        assertFalse(HttpRules.acceptsSse("application/json"));
        assertFalse(HttpRules.acceptsSse(null));
        assertTrue(HttpRules.acceptsJsonOrSse(null));
        assertTrue(HttpRules.acceptsJsonOrSse("*/*"));
        assertFalse(HttpRules.acceptsJsonOrSse("text/html"));
        assertTrue(HttpRules.isJson("application/json; charset=utf-8"));
        assertFalse(HttpRules.isJson("text/plain"));
    }

    @Test
    void statusOfResponses() {
        assertEquals(200, HttpRules.status(new JsonRpcResult(RequestId.of(1), JsonObject.EMPTY_JSON_OBJECT), true));
        assertEquals(404, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.METHOD_NOT_FOUND, "x"), true));
        assertEquals(200, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.METHOD_NOT_FOUND, "x"), false));
        assertEquals(400, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "x"), true));
        assertEquals(400, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.MISSING_CLIENT_CAPABILITY, "x"), true));
        assertEquals(400, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.INVALID_PARAMS, "x",
                Json.createObjectBuilder().add("missing", Json.createArrayBuilder()).build()), true));
        assertEquals(200, HttpRules.status(new JsonRpcError(RequestId.of(1), ErrorCodes.INVALID_PARAMS, "unknown tool"), true));
    }

    @Test
    void onlyApplicationJsonInUtf8IsJson() {
        assertTrue(HttpRules.isJson("application/json"));
        assertTrue(HttpRules.isJson("Application/JSON ; charset=\"UTF-8\""));
        assertTrue(HttpRules.isJson("application/json;charset=utf8"));
        assertFalse(HttpRules.isJson("application/jsonx"));
        assertFalse(HttpRules.isJson("application/json-seq"));
        assertFalse(HttpRules.isJson("application/json; charset=iso-8859-1"));
        assertFalse(HttpRules.isJson("text/json"));
        assertFalse(HttpRules.isJson(""));
        assertFalse(HttpRules.isJson(null));
    }

    private static HttpRules.FramingError framing(List<String> lengths, List<String> codings, List<String> types) {
        return HttpRules.checkFraming(lengths, codings, types);
    }

    @Test
    void soundFramingPasses() {
        assertNull(framing(List.of("42"), List.of(), List.of("application/json")));
        assertNull(framing(List.of("42", "42"), List.of(), List.of()), "duplicates of one value (RFC 9112 6.3)");
        assertNull(framing(List.of("42, 042"), List.of(), List.of()));
        assertNull(framing(List.of(), List.of("chunked"), List.of()));
        assertNull(framing(List.of(), List.of(" Chunked "), List.of()));
        assertNull(framing(List.of(), List.of(), List.of()));
    }

    @Test
    void conflictingOrInvalidFramingIsRefused() {
        assertEquals(400, framing(List.of("42", "43"), List.of(), List.of()).status());
        assertEquals(400, framing(List.of("42, 43"), List.of(), List.of()).status());
        for (String bad : new String[] {"-1", "+5", "1e3", "0x10", "", " ", "99999999999999999999", "4 2"}) {
            assertEquals(400, framing(List.of(bad), List.of(), List.of()).status(), bad);
        }
        assertEquals(400, framing(List.of("5"), List.of("chunked"), List.of()).status(), "CL with TE");
        assertEquals(400, framing(List.of(), List.of("chunked", "chunked"), List.of()).status());
        assertEquals(400, framing(List.of(), List.of("chunked, chunked"), List.of()).status());
        assertEquals(400, framing(List.of(), List.of(""), List.of()).status());
        assertEquals(400, framing(List.of(), List.of(), List.of("application/json", "text/plain")).status());
    }

    @Test
    void unknownTransferCodingsAre501() {
        for (String coding : new String[] {"gzip, chunked", "foo", "identity", "chunked;ext=1", "deflate", "chunked, gzip"}) {
            HttpRules.FramingError e = framing(List.of(), List.of(coding), List.of());
            assertEquals(501, e.status(), coding);
            assertFalse(e.message().contains(coding), "the client's value is not echoed: " + e.message());
        }
    }
}
