package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.modernParams;
import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dispatch, error mapping, invalid frames, progress and engine construction. */
class McpEngineTest {

    private EngineHarness h;

    @BeforeEach
    void start() {
        h = new EngineHarness(List.of(new TestFeature()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void unexpectedExceptionIsInternalErrorWithoutItsDetails() {
        h.initialize("2025-11-25");
        try (LogCapture logs = new LogCapture()) {
            String response = h.exchange(request(1, "test/fail", null));
            assertEquals(text("{'jsonrpc':'2.0','id':1,'error':{'code':-32603,'message':'Internal error'}}"), response);
            assertFalse(response.contains("s3cr3t"));
            assertFalse(response.contains("IllegalStateException"));
            // the details go to the log instead
            assertEquals(List.of("MCPWS0102E: test/fail (request 1 on connection conn-1) failed with an unexpected "
                    + "exception | " + TestFeature.SECRET), logs.messages(Level.SEVERE));
        }
    }

    @Test
    void unexpectedExceptionInTheModernEraToo() {
        try (LogCapture logs = new LogCapture()) {
            assertEquals(text("{'jsonrpc':'2.0','id':'f','error':{'code':-32603,'message':'Internal error'}}"),
                    h.exchange(request("f", "test/fail", modernParams())));
            assertEquals(1, logs.messages(Level.SEVERE).size());
        }
    }

    @Test
    void mcpExceptionKeepsCodeMessageAndData() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':2,'error':{'code':-32602,'message':'Bad thing: size',"
                        + "'data':{'field':'what'}}}"),
                h.exchange(request(2, "test/mcp", Json.createObjectBuilder().add("what", "size"))));
        assertEquals(text("{'jsonrpc':'2.0','id':3,'error':{'code':-32602,'message':'Async bad thing'}}"),
                h.exchange(request(3, "test/mcpAsync", null)));
    }

    @Test
    void modernErrorsHaveNoResultMeta() {
        assertEquals(text("{'jsonrpc':'2.0','id':3,'error':{'code':-32602,'message':'Async bad thing'}}"),
                h.exchange(request(3, "test/mcpAsync", modernParams())));
    }

    @Test
    void asyncResultsAreSentWhenTheyComplete() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':4,'result':{'async':true}}"), h.exchange(request(4, "test/async", null)));
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void requestsRunConcurrentlyAndAreAnsweredOutOfOrder() throws InterruptedException {
        TestFeature feature = new TestFeature();
        h.close();
        h = new EngineHarness(List.of(feature));
        h.initialize("2025-11-25");
        h.send(request(1, "test/block", null));
        assertTrue(feature.blockStarted.tryAcquire(EngineHarness.TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
        // request 2 is answered while request 1 still runs
        assertEquals(text("{'jsonrpc':'2.0','id':2,'result':{'echo':{}}}"), h.exchange(request(2, "test/echo", null)));
        feature.release.countDown();
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'blocked':'done'}}"), h.connection.next());
    }

    @Test
    void malformedFramesAreAnsweredAndTheSessionGoesOn() {
        h.sendText("{not json");
        JsonObject parseError = h.connection.nextObject();
        assertEquals(-32700, parseError.getJsonObject("error").getInt("code"));
        assertEquals(true, parseError.isNull("id"));

        h.sendText(text("{'jsonrpc':'1.0','id':'k','method':'ping'}"));
        assertEquals(text("{'jsonrpc':'2.0','id':'k','error':{'code':-32600,"
                + "'message':'Invalid Request: \\'jsonrpc\\' must be \\'2.0\\''}}"), h.connection.next());

        h.sendText(text("{'jsonrpc':'2.0','id':null,'method':'ping'}"));
        assertEquals(text("{'jsonrpc':'2.0','id':null,'error':{'code':-32600,"
                + "'message':'Invalid Request: \\'id\\' must be a string or an integer, not null'}}"), h.connection.next());

        h.sendText("17");
        assertEquals(-32600, h.connection.nextObject().getJsonObject("error").getInt("code"));

        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{}}"), h.exchange(request(1, "ping", null)));
    }

    @Test
    void responsesAndUnknownNotificationsFromTheClientAreIgnored() {
        h.sendText(text("{'jsonrpc':'2.0','id':5,'result':{}}"));
        h.sendText(text("{'jsonrpc':'2.0','id':6,'error':{'code':1,'message':'x'}}"));
        h.sendText(text("{'jsonrpc':'2.0','method':'notifications/whatever'}"));
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{}}"), h.exchange(request(1, "ping", null)));
        h.connection.assertNoUnread();
    }

    @Test
    void progressIsSentForATokenOnlyAndOnlyWhenIncreasing() {
        JsonObject params = Json.createObjectBuilder()
                .add("_meta", EngineHarness.modernMeta().add("progressToken", "tok")).build();
        h.send(request(1, "test/progress", Json.createObjectBuilder(params)));
        assertEquals(List.of(
                        text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'tok','progress':1.0}}"),
                        text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'tok','progress':2.0,"
                                + "'total':2.0,'message':'all done'}}")),
                h.connection.next(2));
        assertEquals(true, h.connection.nextObject().getJsonObject("result").getBoolean("progressRequested"));
    }

    @Test
    void progressMessageIsLeftOutFor20241105() {
        h.initialize("2024-11-05");
        h.send(request(1, "test/progress", Json.createObjectBuilder()
                .add("_meta", Json.createObjectBuilder().add("progressToken", 42))));
        assertEquals(List.of(
                        text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':42,'progress':1.0}}"),
                        text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':42,'progress':2.0,"
                                + "'total':2.0}}"),
                        text("{'jsonrpc':'2.0','id':1,'result':{'progressRequested':true}}")),
                h.connection.next(3));
    }

    @Test
    void noProgressWithoutAToken() {
        h.initialize("2025-11-25");
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'progressRequested':false}}"),
                h.exchange(request(1, "test/progress", null)));
        h.connection.assertNoUnread();
    }

    @Test
    void twoFeaturesServingOneMethodIsAnError() {
        ServerFeature echo = new TestFeature.OtherFeature() {
            @Override
            public List<MethodSpec> methods() {
                return List.of(MethodSpec.of("test/echo", ctx -> CompletableFuture.completedFuture(Json.createObjectBuilder().build())));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> McpEngine.builder(EngineHarness.SERVER_INFO, h.executor).features(List.of(new TestFeature(), echo))
                        .build());
        assertEquals("Two features serve test/echo", e.getMessage());
    }

    @Test
    void aFeatureCannotReplaceTheEngineMethods() {
        ServerFeature ping = new TestFeature.OtherFeature() {
            @Override
            public List<MethodSpec> methods() {
                return List.of(MethodSpec.of("ping", ctx -> CompletableFuture.completedFuture(Json.createObjectBuilder().build())));
            }
        };
        assertThrows(IllegalStateException.class,
                () -> McpEngine.builder(EngineHarness.SERVER_INFO, h.executor).feature(ping).build());
    }

    @Test
    void aRejectingExecutorMeansShuttingDown() {
        var pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        McpEngine engine = McpEngine.builder(EngineHarness.SERVER_INFO, pool).feature(new TestFeature()).build();
        EngineHarness.RecordingConnection c = new EngineHarness.RecordingConnection("c");
        McpSession s = engine.open(c);
        var init = JsonRpcCodec.decode(JsonRpcCodec.toText(request(0, "initialize", Json.createObjectBuilder()
                .add("protocolVersion", "2025-11-25").add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "c").add("version", "1")))));
        engine.onMessage(s, init, c.channelFor(init));
        c.next();
        // a method that runs on the pool (ping runs on the thread that read it: see InlineDispatchTest)
        var echo = JsonRpcCodec.decode(JsonRpcCodec.toText(request(1, "test/echo", null)));
        engine.onMessage(s, echo, c.channelFor(echo));
        assertEquals(text("{'jsonrpc':'2.0','id':1,'error':{'code':-32004,'message':'The server is not accepting work'}}"),
                c.next());
        EngineHarness.assertNothingInFlight(s);
    }

    @Test
    void serverInfoTitleOnlyFrom20250618() {
        ServerInfo info = new ServerInfo("n", "v", "T", null);
        assertEquals(EngineHarness.json("{'name':'n','version':'v'}"), info.implementation("2025-03-26"));
        assertEquals(EngineHarness.json("{'name':'n','version':'v','title':'T'}"), info.implementation("2025-06-18"));
        assertEquals(EngineHarness.json("{'name':'n','version':'v'}"),
                new ServerInfo("n", "v", " ", null).implementation("2026-07-28"));
    }

    @Test
    void noInstructionsWhenBlank() {
        McpEngine engine = McpEngine.builder(new ServerInfo("n", "v", null, " "), h.executor).build();
        EngineHarness.RecordingConnection c = new EngineHarness.RecordingConnection("c");
        McpSession s = engine.open(c);
        var init = JsonRpcCodec.decode(JsonRpcCodec.toText(request(1, "initialize",
                Json.createObjectBuilder().add("protocolVersion", "2025-11-25"))));
        engine.onMessage(s, init, c.channelFor(init));
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'protocolVersion':'2025-11-25','capabilities':{},"
                + "'serverInfo':{'name':'n','version':'v'}}}"), c.next());
    }
}
