package dev.mcpws.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StdioProcess} line framing, against {@code cat} (which echoes every line). */
class StdioProcessTest {

    @Test
    @Timeout(30)
    void linesInLinesOut() {
        try (StdioProcess cat = StdioProcess.start(null, List.of("cat"))) {
            JsonObject req = StdioProcess.request(7, "tools/list", Json.createObjectBuilder().add("cursor", "c").build());
            cat.send(req);
            cat.sendLine("not json");
            assertEquals(req, cat.await(m -> m.containsKey("id"), Duration.ofSeconds(10), "the echoed request"));
            assertEquals("not json", cat.await(m -> m.containsKey("nonJson"), Duration.ofSeconds(10), "raw line")
                    .getString("nonJson"));
            assertEquals(List.of(req.toString(), "not json"), cat.stdoutLines());
            cat.closeStdin();
            assertEquals(0, cat.awaitExit(Duration.ofSeconds(10)));
        }
    }
}
