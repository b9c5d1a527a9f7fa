package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Both eras at once: on two sockets, and mixed on one socket. */
@RunAsClient
class BothErasIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void legacyAndModernSocketsAtTheSameTime() {
        try (WsClient legacy = legacy(LEGACY); WsClient modern = connect("mcp")) {
            long l = legacy.send("tools/call", toolCall("request_info", args()));
            long m = modern.send("tools/call", modern(Json.createObjectBuilder().add("name", "request_info")));
            JsonObject lr = legacy.awaitResponse(l).getJsonObject("result");
            JsonObject mr = modern.awaitResponse(m).getJsonObject("result");
            assertEquals(LEGACY + "|it-legacy|" + LEGACY, text(lr));
            assertFalse(lr.containsKey("resultType"));
            assertEquals(MODERN + "|it-modern|" + MODERN, text(mr));
            assertEquals("complete", mr.getString("resultType"));
        }
    }

    @Test
    void oneSocketServesAModernRequestAfterTheLegacyHandshake() {
        try (WsClient c = legacy("2025-06-18")) {
            JsonObject legacyResult = c.call("tools/call", toolCall("request_info", args()));
            assertEquals("2025-06-18|it-legacy|2025-06-18", text(legacyResult));
            JsonObject modernResult = c.call("tools/call", modern(Json.createObjectBuilder().add("name", "request_info")));
            assertEquals(MODERN + "|it-modern|" + MODERN, text(modernResult));
            assertEquals("complete", modernResult.getString("resultType"));
            // and the handshake still holds for requests without _meta
            assertEquals("2025-06-18|it-legacy|2025-06-18", text(c.call("tools/call", toolCall("request_info", args()))));
        }
    }
}
