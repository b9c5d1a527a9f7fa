package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReplayPolicyTest {

    private static final JsonObject NONE = JsonObject.EMPTY_JSON_OBJECT;

    @Test
    void readsAndListsAreSafe() {
        for (String m : new String[] {"tools/list", "resources/read", "prompts/get", "completion/complete",
                "server/discover", "resources/templates/list"}) {
            assertTrue(ReplayPolicy.SAFE.mayRepeat(m, NONE, NONE), m);
        }
        assertFalse(ReplayPolicy.SAFE.mayRepeat("sampling/createMessage", NONE, NONE));
    }

    @Test
    void toolCallsOnlyWhenReadOnlyOrIdempotent() {
        JsonObject call = Json.createObjectBuilder().add("name", "t").build();
        assertFalse(ReplayPolicy.SAFE.mayRepeat("tools/call", call, NONE), "unknown tool: outcome unknown");
        assertFalse(ReplayPolicy.SAFE.mayRepeat("tools/call", call,
                Json.createObjectBuilder().add("readOnlyHint", false).add("destructiveHint", true).build()));
        assertTrue(ReplayPolicy.SAFE.mayRepeat("tools/call", call,
                Json.createObjectBuilder().add("readOnlyHint", true).build()));
        assertTrue(ReplayPolicy.SAFE.mayRepeat("tools/call", call,
                Json.createObjectBuilder().add("idempotentHint", true).build()));
        assertFalse(ReplayPolicy.NEVER.mayRepeat("tools/list", NONE, NONE));
    }
}
