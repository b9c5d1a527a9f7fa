package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe: server/discover or initialize, and the _meta of 2026-07-28 requests. */
class EraProbeTest {

    private static final String META = "io.modelcontextprotocol/";
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WireRecorder wire = new WireRecorder();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static McpErrorException error(int code, JsonObject data) {
        return new McpErrorException(code, "no", data);
    }

    private static JsonObject supported(String... versions) {
        var a = Json.createArrayBuilder();
        for (String v : versions) {
            a.add(v);
        }
        return Json.createObjectBuilder().add("supported", a).build();
    }

    @Test
    void aModernErrorMeansModernAnythingElseMeansLegacy() {
        assertFalse(EraProbe.mayBeLegacy(error(ErrorCodes.MISSING_CLIENT_CAPABILITY, null)));
        assertFalse(EraProbe.mayBeLegacy(error(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, supported("2027-01-01"))));
        assertTrue(EraProbe.mayBeLegacy(error(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, supported("2025-11-25"))));
        assertTrue(EraProbe.mayBeLegacy(error(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, null)));
        assertTrue(EraProbe.mayBeLegacy(error(ErrorCodes.METHOD_NOT_FOUND, null)));
        assertTrue(EraProbe.mayBeLegacy(new RequestTimeoutException("no answer")));
    }

    @Test
    void autoFallsBackToInitializeWhenDiscoverIsUnknown() throws Exception {
        McpClient.Builder cfg = McpClient.builder("ws://h/mcp").clientInfo("probe-test", "9").onSampling(p -> null);
        EraProbe probe = new EraProbe(cfg);
        RequestTable table = new RequestTable(wire, scheduler, probe::wire, Duration.ofSeconds(30));
        CompletableFuture<ServerDescription> session = probe.handshake(table);

        JsonRpcRequest discover = wire.nextRequest();
        assertEquals("server/discover", discover.method());
        JsonObject meta = discover.params().getJsonObject("_meta");
        assertEquals("2026-07-28", meta.getString(META + "protocolVersion"));
        assertEquals("probe-test", meta.getJsonObject(META + "clientInfo").getString("name"));
        assertTrue(meta.getJsonObject(META + "clientCapabilities").containsKey("sampling"));
        table.fail(table.answered(discover.id()), error(ErrorCodes.METHOD_NOT_FOUND, null));

        JsonRpcRequest initialize = wire.nextRequest();
        assertEquals("initialize", initialize.method());
        assertEquals("2025-11-25", initialize.params().getString("protocolVersion"));
        assertFalse(initialize.params().containsKey("_meta"), "legacy requests carry no era _meta");
        table.complete(table.answered(initialize.id()), Json.createObjectBuilder().add("protocolVersion", "2025-06-18")
                .add("serverInfo", Json.createObjectBuilder().add("name", "old")).build());

        ServerDescription d = session.get(5, TimeUnit.SECONDS);
        assertEquals(ProtocolEra.LEGACY, d.era());
        assertEquals("2025-06-18", d.protocolVersion());
        assertEquals("old", d.name());
        JsonRpcNotification initialized = wire.nextNotification();
        assertEquals("notifications/initialized", initialized.method());
        probe.established(d);
        assertFalse(probe.modern());
    }

    @Test
    void aModernErrorToTheProbeFailsTheHandshake() throws Exception {
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp"));
        RequestTable table = new RequestTable(wire, scheduler, probe::wire, Duration.ofSeconds(30));
        CompletableFuture<ServerDescription> session = probe.handshake(table);
        JsonRpcRequest discover = wire.nextRequest();
        table.fail(table.answered(discover.id()), error(ErrorCodes.MISSING_CLIENT_CAPABILITY, null));
        McpErrorException e = assertInstanceOf(McpErrorException.class,
                assertThrows(ExecutionException.class, () -> session.get(5, TimeUnit.SECONDS)).getCause());
        assertEquals(ErrorCodes.MISSING_CLIENT_CAPABILITY, e.code());
        assertTrue(wire.sent.isEmpty(), "no initialize after a modern error: " + wire.sent);
    }

    @Test
    void aModernSessionPutsTheEraIntoEveryRequestsMeta() throws Exception {
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp").era(ProtocolEra.MODERN));
        RequestTable table = new RequestTable(wire, scheduler, probe::wire, Duration.ofSeconds(30));
        CompletableFuture<ServerDescription> session = probe.handshake(table);
        JsonRpcRequest discover = wire.nextRequest();
        table.complete(table.answered(discover.id()), Json.createObjectBuilder()
                .add("supportedVersions", Json.createArrayBuilder().add("2026-07-28"))
                .add("serverInfo", Json.createObjectBuilder().add("name", "new"))
                .add("capabilities", Json.createObjectBuilder().add("tools", JsonValue.EMPTY_JSON_OBJECT)).build());
        ServerDescription d = session.get(5, TimeUnit.SECONDS);
        assertEquals(ProtocolEra.MODERN, d.era());
        assertTrue(d.has("tools"));
        probe.established(d);
        assertTrue(probe.modern());

        probe.logLevel("info");
        PendingRequest<JsonObject> call = PendingRequest.call("tools/call", Json2.object().add("name", "t")
                .add("_meta", Json2.object().add("mine", 1)).build(), x -> x, "p7");
        call.round = Json2.object().add("requestState", "s1").build();
        JsonObject params = probe.wire(call);
        assertEquals("t", params.getString("name"));
        assertEquals("s1", params.getString("requestState"), "the input round goes along");
        JsonObject meta = params.getJsonObject("_meta");
        assertEquals(1, meta.getInt("mine"), "the caller's own _meta is kept");
        assertEquals("p7", meta.getString("progressToken"));
        assertEquals("2026-07-28", meta.getString(META + "protocolVersion"));
        assertEquals("info", meta.getString(META + "logLevel"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, meta.getJsonObject(META + "clientCapabilities"),
                "no handlers, no capabilities");
    }

    @Test
    void aServerThatDoesNotSpeak20260728IsRefused() throws Exception {
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp").era(ProtocolEra.MODERN));
        RequestTable table = new RequestTable(wire, scheduler, probe::wire, Duration.ofSeconds(30));
        CompletableFuture<ServerDescription> session = probe.handshake(table);
        JsonRpcRequest discover = wire.nextRequest();
        table.complete(table.answered(discover.id()), Json.createObjectBuilder()
                .add("supportedVersions", Json.createArrayBuilder().add("2027-01-01")).build());
        McpErrorException e = assertInstanceOf(McpErrorException.class,
                assertThrows(ExecutionException.class, () -> session.get(5, TimeUnit.SECONDS)).getCause());
        assertEquals(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, e.code());
        assertNull(wire.sent.poll());
    }
}
