package dev.mcpws.client.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the bridge replays after its own initialize on a new socket. */
class HostSessionTest {

    private static JsonRpcRequest request(long id, String method, JsonObject params) {
        return new JsonRpcRequest(RequestId.of(id), method, params);
    }

    private static JsonObject uri(String uri) {
        return Json.createObjectBuilder().add("uri", uri).build();
    }

    @Test
    void remembersTheHandshakeTheLastLevelAndTheSubscriptionsStillOpen() {
        HostSession s = new HostSession();
        assertNull(s.initialize());
        JsonRpcRequest init = request(1, "initialize", JsonValue.EMPTY_JSON_OBJECT);
        s.remember(init);
        assertFalse(s.initialized());
        s.remember(new JsonRpcNotification("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT));
        s.remember(request(2, "logging/setLevel", Json.createObjectBuilder().add("level", "debug").build()));
        s.remember(request(3, "logging/setLevel", Json.createObjectBuilder().add("level", "error").build()));
        s.remember(request(4, "resources/subscribe", uri("a://1")));
        s.remember(request(5, "resources/subscribe", uri("a://2")));
        s.remember(request(6, "resources/unsubscribe", uri("a://1")));
        s.remember(request(7, "tools/call", JsonValue.EMPTY_JSON_OBJECT));

        assertEquals(init, s.initialize());
        assertTrue(s.initialized());
        AtomicInteger ids = new AtomicInteger();
        List<JsonRpcRequest> replay = s.afterInitialize(() -> RequestId.of("own-" + ids.incrementAndGet()));
        assertEquals(List.of(
                new JsonRpcRequest(RequestId.of("own-1"), "logging/setLevel",
                        Json.createObjectBuilder().add("level", "error").build()),
                new JsonRpcRequest(RequestId.of("own-2"), "resources/subscribe", uri("a://2"))), replay);
    }

    @Test
    void aNewInitializeStartsANewHandshake() {
        HostSession s = new HostSession();
        s.remember(request(1, "initialize", JsonValue.EMPTY_JSON_OBJECT));
        s.remember(new JsonRpcNotification("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT));
        s.remember(request(2, "initialize", JsonValue.EMPTY_JSON_OBJECT));
        assertFalse(s.initialized());
        assertEquals(RequestId.of(2), s.initialize().id());
        assertEquals(List.of(), s.afterInitialize(() -> RequestId.of("x")));
    }
}
