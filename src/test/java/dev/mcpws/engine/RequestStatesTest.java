package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The HMAC-protected MRTR requestState: round trip, and every way a state is refused. */
class RequestStatesTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final RequestStates states = new RequestStates(key, 60_000, now::get);

    private static final JsonObject PARAMS = Json.createObjectBuilder().add("name", "book")
            .add("arguments", Json.createObjectBuilder().add("city", "Oslo").add("nights", 2)).build();
    private static final JsonObject ANSWERS = Json.createObjectBuilder()
            .add("elicit-1", Json.createObjectBuilder().add("action", "accept")).build();

    private String issue() {
        return states.issue("alice", "tools/call", PARAMS, ANSWERS, Set.of("elicit-2"));
    }

    private static String reason(McpException e) {
        return e.data().asJsonObject().getString("reason");
    }

    @Test
    void roundTripCarriesAnswersAndPendingKeys() {
        RequestStates.State s = states.verify(issue(), "alice", "tools/call", PARAMS);
        assertEquals(ANSWERS, s.answers());
        assertEquals(Set.of("elicit-2"), s.pending());
    }

    @Test
    void perRoundParamsAndKeyOrderDoNotChangeTheRequest() {
        JsonObject retry = Json.createObjectBuilder()
                .add("_meta", Json.createObjectBuilder().add("x", 1))
                .add("arguments", Json.createObjectBuilder().add("nights", 2.0).add("city", "Oslo"))
                .add("name", "book")
                .add("inputResponses", Json.createObjectBuilder())
                .add("requestState", "whatever").build();
        assertEquals(ANSWERS, states.verify(issue(), "alice", "tools/call", retry).answers());
    }

    @Test
    void tamperedPayloadIsRefused() {
        String state = issue();
        String payload = new String(Base64.getUrlDecoder().decode(state.substring(0, state.indexOf('.'))),
                StandardCharsets.UTF_8).replace("\"alice\"", "\"mallory\"");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + state.substring(state.indexOf('.'));
        McpException e = assertThrows(McpException.class, () -> states.verify(forged, "mallory", "tools/call", PARAMS));
        assertEquals(-32602, e.code());
        assertEquals("tampered", reason(e));
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
    }

    @Test
    void stateOfAnotherKeyIsRefused() {
        RequestStates other = new RequestStates("another key, also 32 bytes long!".getBytes(StandardCharsets.UTF_8),
                60_000, now::get);
        String state = other.issue("alice", "tools/call", PARAMS, ANSWERS, Set.of("elicit-2"));
        assertEquals("tampered", reason(assertThrows(McpException.class,
                () -> states.verify(state, "alice", "tools/call", PARAMS))));
    }

    @Test
    void garbageIsMalformed() {
        for (String bad : new String[] {"", "abc", "a.b.c", "!!!.???"}) {
            McpException e = assertThrows(McpException.class, () -> states.verify(bad, "alice", "tools/call", PARAMS));
            assertEquals("malformed", reason(e), bad);
        }
    }

    @Test
    void expiredStateIsRefused() {
        String state = issue();
        now.addAndGet(60_000);
        states.verify(state, "alice", "tools/call", PARAMS); // the last valid millisecond
        now.incrementAndGet();
        McpException e = assertThrows(McpException.class, () -> states.verify(state, "alice", "tools/call", PARAMS));
        assertEquals("expired", reason(e));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void otherPrincipalIsRefused() {
        McpException e = assertThrows(McpException.class, () -> states.verify(issue(), "bob", "tools/call", PARAMS));
        assertEquals("principal", reason(e));
        assertEquals("principal", reason(assertThrows(McpException.class,
                () -> states.verify(issue(), "anonymous", "tools/call", PARAMS))));
    }

    @Test
    void otherRequestIsRefused() {
        McpException method = assertThrows(McpException.class, () -> states.verify(issue(), "alice", "prompts/get", PARAMS));
        assertEquals("request", reason(method));
        JsonObject otherArgs = Json.createObjectBuilder().add("name", "book")
                .add("arguments", Json.createObjectBuilder().add("city", "Oslo").add("nights", 3)).build();
        assertEquals("request", reason(assertThrows(McpException.class,
                () -> states.verify(issue(), "alice", "tools/call", otherArgs))));
    }

    @Test
    void digestIgnoresOnlyPerRoundParams() {
        JsonObject a = Json.createObjectBuilder().add("name", "x").build();
        JsonObject b = Json.createObjectBuilder().add("name", "y").build();
        assertNotEquals(RequestStates.digest(a), RequestStates.digest(b));
        assertEquals(RequestStates.digest(a), RequestStates.digest(Json.createObjectBuilder(a)
                .add("requestState", "s").add("inputResponses", Json.createObjectBuilder()).build()));
    }

    @Test
    void shortKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RequestStates(new byte[8], 1000));
    }
}
