package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.modernParams;
import static dev.mcpws.engine.EngineHarness.notification;
import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy era: initialize negotiation, what is allowed before it, and legacy results. */
class LegacyHandshakeTest {

    private EngineHarness h;

    @BeforeEach
    void start() {
        h = new EngineHarness(List.of(new TestFeature(), new TestFeature.OtherFeature()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String initializeText(String version) {
        return h.exchange(request(1, "initialize", Json.createObjectBuilder()
                .add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()))
                .add("clientInfo", Json.createObjectBuilder().add("name", "c").add("version", "1"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-18", "2025-11-25"})
    void supportedVersionsFromJuneOnAreEchoedWithTitle(String version) {
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'protocolVersion':'" + version + "',"
                + "'capabilities':{'test':{'for':'" + version + "'},'other':{}},"
                + "'serverInfo':{'name':'test-server','version':'1.2.3','title':'Test Server'},"
                + "'instructions':'Use the test methods.'}}"), initializeText(version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26"})
    void olderVersionsAreEchoedWithoutServerTitle(String version) {
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'protocolVersion':'" + version + "',"
                + "'capabilities':{'test':{'for':'" + version + "'},'other':{}},"
                + "'serverInfo':{'name':'test-server','version':'1.2.3'},"
                + "'instructions':'Use the test methods.'}}"), initializeText(version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-07-28", "1999-01-01", "2025-11-26", "latest", ""})
    void unknownVersionNegotiatesTheNewestLegacyVersion(String version) {
        JsonObject result = ((JsonObject) EngineHarness.parse(initializeText(version))).getJsonObject("result");
        assertEquals("2025-11-25", result.getString("protocolVersion"));
        assertEquals(Json.createObjectBuilder().add("for", "2025-11-25").build(),
                result.getJsonObject("capabilities").getJsonObject("test"));
        assertEquals("2025-11-25", h.session.handshake().protocolVersion());
    }

    @Test
    void handshakeStateIsKeptForTheConnection() {
        initializeText("2025-03-26");
        McpSession.LegacyHandshake hs = h.session.handshake();
        assertNotNull(hs);
        assertEquals("2025-03-26", hs.protocolVersion());
        assertEquals(Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()).build(), hs.clientCapabilities());
        assertEquals(Json.createObjectBuilder().add("name", "c").add("version", "1").build(), hs.clientInfo());
        assertFalse(h.session.initializedNotified());
        h.send(notification("notifications/initialized", null));
        assertTrue(h.session.initializedNotified());
        h.connection.assertNoUnread(); // notifications get no response
    }

    @Test
    void secondInitializeIsInvalidRequest() {
        initializeText("2025-06-18");
        assertEquals(text("{'jsonrpc':'2.0','id':2,'error':{'code':-32600,"
                        + "'message':'Invalid Request: the connection is already initialized'}}"),
                h.exchange(request(2, "initialize", Json.createObjectBuilder().add("protocolVersion", "2024-11-05"))));
        assertEquals("2025-06-18", h.session.handshake().protocolVersion(), "the first handshake stays");
    }

    @Test
    void initializeWithoutProtocolVersionIsInvalidParams() {
        assertEquals(text("{'jsonrpc':'2.0','id':'i','error':{'code':-32602,"
                        + "'message':'initialize needs params.protocolVersion'}}"),
                h.exchange(request("i", "initialize", Json.createObjectBuilder().add("protocolVersion", 20251125))));
        assertNull(h.session.handshake());
        // and the client can still initialize properly
        assertEquals("2025-11-25", h.initialize("2025-11-25").getJsonObject("result").getString("protocolVersion"));
    }

    @Test
    void pingBeforeInitializeIsAnswered() {
        assertEquals(text("{'jsonrpc':'2.0','id':7,'result':{}}"), h.exchange(request(7, "ping", null)));
        assertNull(h.session.handshake(), "ping does not start a handshake");
    }

    @Test
    void otherRequestsBeforeInitializeAreRejectedMentioningInitialize() {
        assertEquals(text("{'jsonrpc':'2.0','id':3,'error':{'code':-32602,'message':'Missing required _meta "
                        + "io.modelcontextprotocol/protocolVersion, io.modelcontextprotocol/clientCapabilities "
                        + "(protocol 2026-07-28; clients of 2025-11-25 and older send initialize first)',"
                        + "'data':{'missing':['io.modelcontextprotocol/protocolVersion',"
                        + "'io.modelcontextprotocol/clientCapabilities']}}}"),
                h.exchange(request(3, "test/echo", Json.createObjectBuilder().add("a", 1))));
    }

    @Test
    void legacyResultsHaveNoResultTypeAndNoServerInfoMeta() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':5,'result':{'echo':{'a':1}}}"),
                h.exchange(request(5, "test/echo", Json.createObjectBuilder().add("a", 1))));
        assertEquals(text("{'jsonrpc':'2.0','id':6,'result':{}}"), h.exchange(request(6, "ping", null)));
    }

    @Test
    void legacyRequestsSeeTheNegotiatedState() {
        h.initialize("2025-03-26");
        JsonObject info = h.call(request("q", "test/info", null)).getJsonObject("result");
        assertEquals(EngineHarness.json("{'era':'LEGACY','protocolVersion':'2025-03-26',"
                + "'clientCapabilities':{'roots':{}},'clientInfo':{'name':'legacy-client','version':'9'},"
                + "'method':'test/info','id':'\\'q\\'','connectionId':'conn-1','current':true}"), info);
    }

    @Test
    void modernRequestOnALegacyConnectionIsServedStatelessly() {
        h.initialize("2025-03-26");
        JsonObject info = h.call(request(8, "test/info", modernParams())).getJsonObject("result");
        assertEquals("MODERN", info.getString("era"));
        assertEquals("2026-07-28", info.getString("protocolVersion"));
        assertEquals(EngineHarness.json("{'elicitation':{}}"), info.getJsonObject("clientCapabilities"));
        assertEquals(EngineHarness.json("{'name':'modern-client','version':'2'}"), info.getJsonObject("clientInfo"));
        assertEquals("complete", info.getString("resultType"));
    }

    @Test
    void modernOnlyMethodOnALegacyConnectionStillNeedsMeta() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':4,'error':{'code':-32602,'message':'Missing required _meta "
                        + "io.modelcontextprotocol/protocolVersion, io.modelcontextprotocol/clientCapabilities "
                        + "(protocol 2026-07-28; clients of 2025-11-25 and older send initialize first)',"
                        + "'data':{'missing':['io.modelcontextprotocol/protocolVersion',"
                        + "'io.modelcontextprotocol/clientCapabilities']}}}"),
                h.exchange(request(4, "server/discover", null)), "the same text with or without a handshake");
    }

    @Test
    void unknownMethodInTheLegacyEra() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':9,'error':{'code':-32601,'message':'Method not found: test/nope'}}"),
                h.exchange(request(9, "test/nope", null)));
    }

    @Test
    void notificationsToLegacySessionsOnlyReachInitializedConnections() {
        EngineHarness.RecordingConnection other = new EngineHarness.RecordingConnection("conn-2");
        McpSession otherSession = h.engine.open(other);
        assertEquals(2, h.engine.sessions().size());
        h.initialize("2025-11-25");
        h.engine.notifyLegacySessions("notifications/tools/list_changed", Json.createObjectBuilder().build());
        assertEquals(text("{'jsonrpc':'2.0','method':'notifications/tools/list_changed'}"), h.connection.next());
        h.engine.onClose(otherSession);
        assertEquals(List.of(), other.sent());
        assertEquals(1, h.engine.sessions().size());
    }
}
