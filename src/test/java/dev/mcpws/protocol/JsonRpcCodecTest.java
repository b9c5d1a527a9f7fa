package dev.mcpws.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcCodecTest {

    /** JSON text with {@code '} for {@code "}. */
    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static JsonRpcMessage decode(String singleQuoted) {
        return JsonRpcCodec.decode(q(singleQuoted));
    }

    private static InvalidMessage assertInvalid(JsonRpcMessage m, int code, RequestId id) {
        InvalidMessage invalid = assertInstanceOf(InvalidMessage.class, m);
        assertEquals(code, invalid.code(), invalid::reason);
        assertEquals(id, invalid.id());
        return invalid;
    }

    @Nested
    class Decoding {

        @Test
        void requestWithStringId() {
            JsonRpcRequest r = assertInstanceOf(JsonRpcRequest.class,
                    decode("{'jsonrpc':'2.0','id':'abc','method':'tools/list','params':{'cursor':'c1'}}"));
            assertEquals(RequestId.of("abc"), r.id());
            assertTrue(r.id().isString());
            assertEquals("tools/list", r.method());
            assertEquals(Json.createObjectBuilder().add("cursor", "c1").build(), r.params());
        }

        @Test
        void requestWithIntegerId() {
            JsonRpcRequest r = assertInstanceOf(JsonRpcRequest.class,
                    decode("{'jsonrpc':'2.0','id':42,'method':'ping'}"));
            assertEquals(RequestId.of(42L), r.id());
            assertEquals(42L, r.id().value());
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, r.params(), "absent params read as an empty object");
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, r.meta());
        }

        @Test
        void requestIdsKeepTheirType() {
            // "1" and 1 are different ids
            JsonRpcRequest s = (JsonRpcRequest) decode("{'jsonrpc':'2.0','id':'1','method':'ping'}");
            JsonRpcRequest n = (JsonRpcRequest) decode("{'jsonrpc':'2.0','id':1,'method':'ping'}");
            assertTrue(!s.id().equals(n.id()));
            assertEquals("\"1\"", s.id().toString());
            assertEquals("1", n.id().toString());
        }

        @Test
        void integralIdsInOtherNotationsAndExtremes() {
            assertEquals(RequestId.of(0L), ((JsonRpcRequest) decode("{'jsonrpc':'2.0','id':0,'method':'m'}")).id());
            assertEquals(RequestId.of(-5L), ((JsonRpcRequest) decode("{'jsonrpc':'2.0','id':-5,'method':'m'}")).id());
            assertEquals(RequestId.of(Long.MAX_VALUE),
                    ((JsonRpcRequest) decode("{'jsonrpc':'2.0','id':9223372036854775807,'method':'m'}")).id());
        }

        @Test
        void requestMetaIsTheParamsMetaObject() {
            JsonRpcRequest r = (JsonRpcRequest) decode(
                    "{'jsonrpc':'2.0','id':1,'method':'m','params':{'_meta':{'progressToken':7},'a':1}}");
            assertEquals(Json.createObjectBuilder().add("progressToken", 7).build(), r.meta());
        }

        @Test
        void notification() {
            JsonRpcNotification n = assertInstanceOf(JsonRpcNotification.class,
                    decode("{'jsonrpc':'2.0','method':'notifications/cancelled','params':{'requestId':3}}"));
            assertEquals("notifications/cancelled", n.method());
            assertEquals(3, n.params().getInt("requestId"));
        }

        @Test
        void notificationWithoutParams() {
            JsonRpcNotification n = assertInstanceOf(JsonRpcNotification.class,
                    decode("{'jsonrpc':'2.0','method':'notifications/initialized'}"));
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, n.params());
        }

        @Test
        void result() {
            JsonRpcResult r = assertInstanceOf(JsonRpcResult.class,
                    decode("{'jsonrpc':'2.0','id':'x','result':{'ok':true}}"));
            assertEquals(RequestId.of("x"), r.id());
            assertEquals(Json.createObjectBuilder().add("ok", true).build(), r.result());
        }

        @Test
        void error() {
            JsonRpcError e = assertInstanceOf(JsonRpcError.class,
                    decode("{'jsonrpc':'2.0','id':9,'error':{'code':-32601,'message':'nope','data':{'d':[1]}}}"));
            assertEquals(RequestId.of(9L), e.id());
            assertEquals(-32601, e.code());
            assertEquals("nope", e.message());
            assertEquals(Json.createObjectBuilder().add("d", Json.createArrayBuilder().add(1)).build(), e.data());
        }

        @Test
        void errorWithNullIdAndNoData() {
            JsonRpcError e = assertInstanceOf(JsonRpcError.class,
                    decode("{'jsonrpc':'2.0','id':null,'error':{'code':-32700,'message':'Parse error'}}"));
            assertNull(e.id());
            assertNull(e.data());
            assertEquals(-32700, e.code());
        }

        @Test
        void batch() {
            JsonRpcBatch b = assertInstanceOf(JsonRpcBatch.class, decode("[{'jsonrpc':'2.0','id':1,'method':'a'},"
                    + "{'jsonrpc':'2.0','method':'n'},{'jsonrpc':'2.0','id':2,'result':{}},7,[]]"));
            assertEquals(5, b.messages().size());
            assertEquals(new JsonRpcRequest(RequestId.of(1L), "a", null), b.messages().get(0));
            assertEquals(new JsonRpcNotification("n", null), b.messages().get(1));
            assertEquals(new JsonRpcResult(RequestId.of(2L), JsonValue.EMPTY_JSON_OBJECT), b.messages().get(2));
            assertEquals("Invalid Request: not a JSON object",
                    assertInvalid(b.messages().get(3), ErrorCodes.INVALID_REQUEST, null).reason());
            assertEquals("Invalid Request: nested batch",
                    assertInvalid(b.messages().get(4), ErrorCodes.INVALID_REQUEST, null).reason());
        }

        @Test
        void emptyBatchIsInvalidRequest() {
            assertEquals("Invalid Request: empty batch",
                    assertInvalid(JsonRpcCodec.decode("[]"), ErrorCodes.INVALID_REQUEST, null).reason());
            assertInvalid(JsonRpcCodec.decode(" [ ] "), ErrorCodes.INVALID_REQUEST, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{", "{'jsonrpc':'2.0',", "nul", "[1,", "{'a' 1}", "{a:1}", "'unterminated",
                "{'jsonrpc':'2.0','id':1,'method':'m'} trailing",
                "{'jsonrpc':'2.0','id':1,'method':'m'}{'jsonrpc':'2.0','id':2,'method':'m'}", "1 2"})
        void malformedJsonIsParseError(String text) {
            InvalidMessage m = assertInvalid(decode(text), ErrorCodes.PARSE_ERROR, null);
            assertTrue(m.reason().startsWith("Parse error: "), m.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "'text'", "null", "true"})
        void nonObjectIsInvalidRequest(String text) {
            assertEquals("Invalid Request: not a JSON object",
                    assertInvalid(decode(text), ErrorCodes.INVALID_REQUEST, null).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'id':5,'method':'m'}", "{'jsonrpc':'1.0','id':5,'method':'m'}",
                "{'jsonrpc':2.0,'id':5,'method':'m'}", "{'jsonrpc':null,'id':5,'method':'m'}"})
        void wrongJsonrpcVersionIsInvalidRequestKeepingTheId(String text) {
            assertEquals("Invalid Request: \"jsonrpc\" must be \"2.0\"",
                    assertInvalid(decode(text), ErrorCodes.INVALID_REQUEST, RequestId.of(5L)).reason());
        }

        @Test
        void nullIdIsInvalidRequest() {
            InvalidMessage m = assertInvalid(decode("{'jsonrpc':'2.0','id':null,'method':'ping'}"),
                    ErrorCodes.INVALID_REQUEST, null);
            assertEquals("Invalid Request: \"id\" must be a string or an integer, not null", m.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "1.0", "1e2", "true", "{}", "[1]", "99999999999999999999"})
        void nonIntegerIdIsInvalidRequest(String id) {
            InvalidMessage m = assertInvalid(decode("{'jsonrpc':'2.0','id':" + id + ",'method':'ping'}"),
                    ErrorCodes.INVALID_REQUEST, null);
            assertTrue(m.reason().startsWith("Invalid Request: \"id\" must be a string or an integer"), m.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[1]", "'x'", "3", "null", "true"})
        void paramsNotAnObjectIsInvalidRequestKeepingTheId(String params) {
            InvalidMessage m = assertInvalid(decode("{'jsonrpc':'2.0','id':'r1','method':'m','params':" + params + "}"),
                    ErrorCodes.INVALID_REQUEST, RequestId.of("r1"));
            assertEquals("Invalid Request: \"params\" must be an object", m.reason());
            // the same for a notification
            assertInvalid(decode("{'jsonrpc':'2.0','method':'m','params':" + params + "}"), ErrorCodes.INVALID_REQUEST, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"''", "5", "null", "{}"})
        void methodMustBeANonEmptyString(String method) {
            InvalidMessage m = assertInvalid(decode("{'jsonrpc':'2.0','id':2,'method':" + method + "}"),
                    ErrorCodes.INVALID_REQUEST, RequestId.of(2L));
            assertEquals("Invalid Request: \"method\" must be a non-empty string", m.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'jsonrpc':'2.0','id':1}", "{'jsonrpc':'2.0','id':1,'result':5}",
                "{'jsonrpc':'2.0','result':{}}", "{'jsonrpc':'2.0','id':1,'error':{'message':'no code'}}",
                "{'jsonrpc':'2.0','id':1,'error':'x'}"})
        void neitherRequestNorResponse(String text) {
            InvalidMessage m = assertInstanceOf(InvalidMessage.class, decode(text));
            assertEquals(ErrorCodes.INVALID_REQUEST, m.code());
            assertEquals("Invalid Request: neither a request, a notification nor a response", m.reason());
        }

        @Test
        void decodeNeverThrowsOnDeepNesting() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            JsonRpcMessage m = JsonRpcCodec.decode(deep);
            assertInstanceOf(InvalidMessage.class, m);
        }
    }

    @Nested
    class Encoding {

        static Stream<Arguments> roundTrips() {
            JsonObject params = Json.createObjectBuilder().add("name", "echo")
                    .add("arguments", Json.createObjectBuilder().add("text", "h\u00e9llo \"q\" \n"))
                    .add("_meta", Json.createObjectBuilder().add("progressToken", 1)).build();
            return Stream.of(
                    Arguments.of(new JsonRpcRequest(RequestId.of(1L), "tools/call", params),
                            "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'echo','arguments':{'text':"
                                    + "'h\u00e9llo \\'q\\' \\n'},'_meta':{'progressToken':1}}}"),
                    Arguments.of(new JsonRpcRequest(RequestId.of("a-1"), "ping", null),
                            "{'jsonrpc':'2.0','id':'a-1','method':'ping'}"),
                    Arguments.of(new JsonRpcNotification("notifications/initialized", null),
                            "{'jsonrpc':'2.0','method':'notifications/initialized'}"),
                    Arguments.of(new JsonRpcNotification("notifications/progress",
                                    Json.createObjectBuilder().add("progressToken", "t").add("progress", 2).build()),
                            "{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'t','progress':2}}"),
                    Arguments.of(new JsonRpcResult(RequestId.of(-3L), JsonValue.EMPTY_JSON_OBJECT),
                            "{'jsonrpc':'2.0','id':-3,'result':{}}"),
                    Arguments.of(new JsonRpcResult(RequestId.of("s"), Json.createObjectBuilder().add("x", 1.5).build()),
                            "{'jsonrpc':'2.0','id':'s','result':{'x':1.5}}"),
                    Arguments.of(new JsonRpcError(RequestId.of(7L), -32601, "Method not found: x"),
                            "{'jsonrpc':'2.0','id':7,'error':{'code':-32601,'message':'Method not found: x'}}"),
                    Arguments.of(new JsonRpcError(RequestId.of("e"), -32022, "Unsupported protocol version",
                                    Json.createObjectBuilder().add("requested", "1900-01-01").build()),
                            "{'jsonrpc':'2.0','id':'e','error':{'code':-32022,'message':'Unsupported protocol version',"
                                    + "'data':{'requested':'1900-01-01'}}}"));
        }

        @ParameterizedTest
        @MethodSource("roundTrips")
        void encodesExactlyAndDecodesBack(JsonRpcMessage message, String expected) {
            String text = JsonRpcCodec.encode(message);
            assertEquals(q(expected), text);
            assertEquals(message, JsonRpcCodec.decode(text));
        }

        @Test
        void errorWithNullIdEncodesIdNull() {
            assertEquals(q("{'jsonrpc':'2.0','id':null,'error':{'code':-32700,'message':'Parse error'}}"),
                    JsonRpcCodec.encode(new JsonRpcError(null, ErrorCodes.PARSE_ERROR, "Parse error")));
        }

        @Test
        void errorWithJsonNullDataKeepsIt() {
            assertEquals(q("{'jsonrpc':'2.0','id':1,'error':{'code':-32603,'message':'m','data':null}}"),
                    JsonRpcCodec.encode(new JsonRpcError(RequestId.of(1L), -32603, "m", JsonValue.NULL)));
        }

        @Test
        void invalidMessageEncodesAsAnError() {
            assertEquals(q("{'jsonrpc':'2.0','id':'k','error':{'code':-32600,'message':'Invalid Request: x'}}"),
                    JsonRpcCodec.encode(new InvalidMessage(RequestId.of("k"), ErrorCodes.INVALID_REQUEST,
                            "Invalid Request: x")));
        }

        @Test
        void batchEncodesAsAJsonArray() {
            JsonRpcBatch batch = new JsonRpcBatch(List.of(
                    new JsonRpcResult(RequestId.of(1L), JsonValue.EMPTY_JSON_OBJECT),
                    new JsonRpcError(RequestId.of("2"), -32601, "Method not found: m"),
                    new JsonRpcError(null, -32600, "Invalid Request")));
            String text = JsonRpcCodec.encode(batch);
            assertEquals(q("[{'jsonrpc':'2.0','id':1,'result':{}},"
                    + "{'jsonrpc':'2.0','id':'2','error':{'code':-32601,'message':'Method not found: m'}},"
                    + "{'jsonrpc':'2.0','id':null,'error':{'code':-32600,'message':'Invalid Request'}}]"), text);
            JsonRpcBatch back = assertInstanceOf(JsonRpcBatch.class, JsonRpcCodec.decode(text));
            assertEquals(batch, back);
        }

        @Test
        void encodeToAWriter() {
            StringWriter out = new StringWriter();
            JsonRpcCodec.encode(new JsonRpcResult(RequestId.of(1L), JsonValue.EMPTY_JSON_OBJECT), out);
            assertEquals(q("{'jsonrpc':'2.0','id':1,'result':{}}"), out.toString());
        }

        @Test
        void toTextIsCompact() {
            assertEquals(q("{'a':[1,'b',null,true]}"), JsonRpcCodec.toText(Json.createObjectBuilder()
                    .add("a", Json.createArrayBuilder().add(1).add("b").addNull().add(true)).build()));
        }
    }

    @Nested
    class Model {

        @Test
        void requestIdIsAStringOrALong() {
            assertThrows(NullPointerException.class, () -> new RequestId(null));
            assertThrows(IllegalArgumentException.class, () -> new RequestId(1));
            assertThrows(IllegalArgumentException.class, () -> new RequestId(1.0));
        }

        @Test
        void batchCopiesItsList() {
            List<JsonRpcMessage> list = new java.util.ArrayList<>(List.of(new JsonRpcNotification("n", null)));
            JsonRpcBatch b = new JsonRpcBatch(list);
            list.clear();
            assertEquals(1, b.messages().size());
        }

        @Test
        void idValueAndIdOrNull() {
            assertEquals(Json.createValue("x"), Json2.idValue(RequestId.of("x")));
            assertEquals(Json.createValue(12L), Json2.idValue(RequestId.of(12L)));
            assertNull(Json2.idOrNull(JsonValue.NULL));
            assertNull(Json2.idOrNull(Json.createValue(1.25)));
            assertEquals(RequestId.of(3L), Json2.idOrNull(Json.createValue(3)));
            assertSame(JsonValue.EMPTY_JSON_OBJECT, Json2.object(null, "x"));
        }

        @Test
        void protocolVersions() {
            assertEquals(List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"), ProtocolVersion.LEGACY);
            assertEquals(List.of("2026-07-28"), ProtocolVersion.MODERN);
            assertTrue(ProtocolVersion.isLegacy("2025-03-26"));
            assertTrue(!ProtocolVersion.isLegacy("2026-07-28"));
            assertTrue(ProtocolVersion.isModern("2026-07-28"));
            assertTrue(ProtocolVersion.atLeast("2025-06-18", "2025-03-26"));
            assertTrue(!ProtocolVersion.atLeast("2024-11-05", "2025-03-26"));
        }
    }
}
