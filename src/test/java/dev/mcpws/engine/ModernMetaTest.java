package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.CLIENT_CAPABILITIES_KEY;
import static dev.mcpws.engine.EngineHarness.PROTOCOL_VERSION_KEY;
import static dev.mcpws.engine.EngineHarness.modernMeta;
import static dev.mcpws.engine.EngineHarness.modernParams;
import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2026-07-28 era: per-request _meta, version errors, resultType and serverInfo, server/discover. */
class ModernMetaTest {

    private static final String SERVER_INFO_META =
            "'_meta':{'io.modelcontextprotocol/serverInfo':{'name':'test-server','version':'1.2.3','title':'Test Server'}}";
    private static final String ALL_VERSIONS = "['2026-07-28','2025-11-25','2025-06-18','2025-03-26','2024-11-05']";

    private EngineHarness h = new EngineHarness(List.of(new TestFeature(), new TestFeature.OtherFeature()));

    @AfterEach
    void stop() {
        h.close();
    }

    static Stream<Arguments> incompleteMeta() {
        String v = "'io.modelcontextprotocol/protocolVersion'";
        String c = "'io.modelcontextprotocol/clientCapabilities'";
        return Stream.of(
                Arguments.of(Json.createObjectBuilder().add(CLIENT_CAPABILITIES_KEY, Json.createObjectBuilder()), "[" + v + "]"),
                Arguments.of(Json.createObjectBuilder().add(PROTOCOL_VERSION_KEY, "2026-07-28"), "[" + c + "]"),
                Arguments.of(Json.createObjectBuilder().add(PROTOCOL_VERSION_KEY, 20260728)
                        .add(CLIENT_CAPABILITIES_KEY, Json.createObjectBuilder()), "[" + v + "]"),
                Arguments.of(Json.createObjectBuilder().add(PROTOCOL_VERSION_KEY, "2026-07-28")
                        .add(CLIENT_CAPABILITIES_KEY, "all"), "[" + c + "]"),
                Arguments.of(Json.createObjectBuilder().addNull(PROTOCOL_VERSION_KEY)
                        .add(CLIENT_CAPABILITIES_KEY, Json.createArrayBuilder()), "[" + v + "," + c + "]"),
                Arguments.of(Json.createObjectBuilder().add("progressToken", 1), "[" + v + "," + c + "]"));
    }

    @ParameterizedTest
    @MethodSource("incompleteMeta")
    void missingMetaKeysAreNamedExactly(JsonObjectBuilder meta, String missing) {
        var error = h.call(request(1, "test/echo", Json.createObjectBuilder().add("_meta", meta))).getJsonObject("error");
        assertEquals(-32602, error.getInt("code"));
        assertEquals(EngineHarness.json("{'missing':" + missing + "}"), error.getJsonObject("data"));
        String names = String.join(", ", error.getJsonObject("data").getJsonArray("missing")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("Missing required _meta " + names
                + " (protocol 2026-07-28; clients of 2025-11-25 and older send initialize first)", error.getString("message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2024-11-05", "2027-01-01", "1900-01-01", ""})
    void unsupportedVersionIsMinus32022WithSupportedAndRequested(String version) {
        assertEquals(text("{'jsonrpc':'2.0','id':'v','error':{'code':-32022,'message':'Unsupported protocol version',"
                        + "'data':{'supported':" + ALL_VERSIONS + ",'requested':'" + version + "'}}}"),
                h.exchange(request("v", "test/echo", Json.createObjectBuilder().add("_meta", modernMeta(version)))));
    }

    @Test
    void unsupportedVersionIsReportedBeforeUnknownMethod() {
        assertEquals(-32022, h.call(request(1, "no/such", Json.createObjectBuilder()
                .add("_meta", modernMeta("2025-06-18")))).getJsonObject("error").getInt("code"));
    }

    @Test
    void modernResultsGetResultTypeAndServerInfo() {
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'echo':{'x':[1,2]},'resultType':'complete',"
                        + SERVER_INFO_META + "}}"),
                h.exchange(request(1, "test/echo", modernParams().add("x", Json.createArrayBuilder().add(1).add(2)))));
    }

    @Test
    void resultMetaIsMergedAndResultTypeKept() {
        assertEquals(text("{'jsonrpc':'2.0','id':2,'result':{'resultType':'input_required','requestState':'state-1',"
                        + "'_meta':{'x':'y','io.modelcontextprotocol/serverInfo':{'name':'test-server','version':'1.2.3',"
                        + "'title':'Test Server'}}}}"),
                h.exchange(request(2, "test/custom", modernParams())));
    }

    @Test
    void modernRequestSeesOnlyItsOwnMeta() {
        var info = h.call(request(3, "test/info", modernParams())).getJsonObject("result");
        assertEquals(EngineHarness.json("{'era':'MODERN','protocolVersion':'2026-07-28','clientCapabilities':"
                + "{'elicitation':{}},'clientInfo':{'name':'modern-client','version':'2'},'method':'test/info',"
                + "'id':'3','connectionId':'conn-1','current':true,'resultType':'complete',"
                + SERVER_INFO_META + "}"), info);
        assertNull(h.session.handshake(), "a modern request does not start a handshake");
    }

    @Test
    void clientInfoIsOptional() {
        var info = h.call(request(3, "test/info", Json.createObjectBuilder().add("_meta", Json.createObjectBuilder()
                .add(PROTOCOL_VERSION_KEY, "2026-07-28").add(CLIENT_CAPABILITIES_KEY, Json.createObjectBuilder()))))
                .getJsonObject("result");
        assertEquals(Json.createObjectBuilder().build(), info.getJsonObject("clientInfo"));
        assertEquals(Json.createObjectBuilder().build(), info.getJsonObject("clientCapabilities"));
    }

    @Test
    void discoverUsesTheEngineSettings() {
        h.close();
        h = new EngineHarness(List.of(new TestFeature(), new TestFeature.OtherFeature()),
                new EngineSettings(1234, "private"));
        assertEquals(text("{'jsonrpc':'2.0','id':'d','result':{'supportedVersions':" + ALL_VERSIONS + ","
                        + "'capabilities':{'test':{'for':'2026-07-28'},'other':{}},'instructions':'Use the test methods.',"
                        + "'ttlMs':1234,'cacheScope':'private','resultType':'complete'," + SERVER_INFO_META + "}}"),
                h.exchange(request("d", "server/discover", modernParams())));
    }

    @Test
    void discoverWithDefaultSettings() {
        var result = h.call(request(1, "server/discover", modernParams())).getJsonObject("result");
        assertEquals(30_000, result.getInt("ttlMs"));
        assertEquals("public", result.getString("cacheScope"));
    }

    @Test
    void discoverNeedsMeta() {
        var error = h.call(request(1, "server/discover", null)).getJsonObject("error");
        assertEquals(-32602, error.getInt("code"));
        assertEquals(2, error.getJsonObject("data").getJsonArray("missing").size());
    }

    @Test
    void nonCacheableResultsHaveNoTtl() {
        var result = h.call(request(1, "test/echo", modernParams())).getJsonObject("result");
        assertEquals(false, result.containsKey("ttlMs"));
        assertEquals(false, result.containsKey("cacheScope"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "initialize", "logging/setLevel", "resources/subscribe", "resources/unsubscribe"})
    void legacyOnlyMethodsAreNotFoundInTheModernEra(String method) {
        assertEquals(text("{'jsonrpc':'2.0','id':1,'error':{'code':-32601,'message':'Method not found: " + method + "'}}"),
                h.exchange(request(1, method, modernParams())));
        assertNull(h.session.handshake());
    }

    @Test
    void unknownMethodInTheModernEra() {
        assertEquals(text("{'jsonrpc':'2.0','id':1,'error':{'code':-32601,'message':'Method not found: test/nope'}}"),
                h.exchange(request(1, "test/nope", modernParams())));
    }

    @Test
    void unknownMethodWithoutMetaAsksForMetaFirst() {
        // without a handshake the request is modern, and an incomplete _meta is what is wrong with it
        assertEquals(-32602, h.call(request(1, "test/nope", null)).getJsonObject("error").getInt("code"));
    }

    @Test
    void settingsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EngineSettings(-1, "public"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EngineSettings(0, "shared"));
        assertEquals(0, new EngineSettings(0, "private").listTtlMs());
    }
}
