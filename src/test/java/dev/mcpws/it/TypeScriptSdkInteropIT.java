package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Interop with a client nobody here wrote: the official MCP TypeScript SDK 1.x ({@code WebSocketClientTransport},
 * subprotocol {@code mcp}, legacy handshake) runs {@code src/test/interop/ts/interop.mjs} in Node against the server.
 * The pom installs the pinned SDK with {@code npm ci} in pre-integration-test.
 */
@RunAsClient
class TypeScriptSdkInteropIT extends McpIT {

    static final long TIMEOUT_SECONDS = 60;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void officialTypeScriptSdkTalksToTheServer() throws Exception {
        File dir = new File(System.getProperty("interop.ts.dir", "src/test/interop/ts"));
        assertTrue(new File(dir, "node_modules/@modelcontextprotocol/sdk").isDirectory(),
                () -> "the TS SDK is not installed in " + dir + " (npm ci runs in pre-integration-test)");

        Path out = Files.createTempFile("ts-interop", ".out");
        Path err = Files.createTempFile("ts-interop", ".err");
        try {
            Process p = new ProcessBuilder("node", "interop.mjs", wsUri().toString())
                    .directory(dir)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("node interop.mjs did not finish within " + TIMEOUT_SECONDS + " s" + report(out, err));
            }
            int exit = p.exitValue();
            assertEquals(0, exit, () -> "node interop.mjs exit code" + report(out, err));

            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("{")).toList();
            assertEquals(1, lines.size(), () -> "one JSON line on stdout" + report(out, err));
            System.out.println("TS SDK interop: " + lines.get(0));
            JsonObject r = Json.createReader(new StringReader(lines.get(0))).readObject();
            String context = report(out, err);

            assertTrue(r.getBoolean("ok", false), "ok" + context);
            assertEquals(LEGACY, r.getString("protocolVersion", null), "negotiated version" + context);
            JsonObject server = r.getJsonObject("server");
            assertNotNull(server, "serverInfo" + context);
            assertEquals("mcp-it", server.getString("name"), context);
            assertEquals("9.9.9", server.getString("version"), context);
            List<String> tools = r.getJsonArray("tools").getValuesAs(JsonString::getString);
            assertTrue(tools.containsAll(List.of("echo", "calculate", "slow_task")), "tools" + context);
            assertEquals("hello from TS", r.getString("echo"), context);
            JsonObject calc = r.getJsonObject("calculate");
            assertEquals(42.0, calc.getJsonNumber("result").doubleValue(), "calculate 6*7" + context);
            assertEquals("6 * 7 = 42", calc.getString("expression"), context);
            List<Double> progress = r.getJsonArray("progress").getValuesAs(JsonValue.class).stream()
                    .map(v -> ((JsonNumber) v).doubleValue()).toList();
            // SDK 1.x may drop the last progress notification when it shares a TCP read with the response (see interop.mjs)
            assertTrue(progress.equals(List.of(1.0, 2.0, 3.0)) || progress.equals(List.of(1.0, 2.0)),
                    "progress notifications " + progress + context);
            assertEquals("order 7 (" + LEGACY + ")", r.getString("resource", null), "resources/read" + context);
            assertEquals("Say hello to TS", r.getString("prompt", null), "prompts/get" + context);
            assertEquals(List.of("java", "javascript"), r.getJsonArray("completion").getValuesAs(JsonString::getString),
                    "completion/complete" + context);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String report(Path out, Path err) {
        return "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
