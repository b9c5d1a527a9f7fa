package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.McpClient;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ToolCallResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's tour against the plain production WAR (the example deployment of {@code mvn liberty:run}): its client
 * snippets run as written (the TypeScript SDK one in Node, the Java client one compiled and run in its own JVM) and
 * exit, and every example the tour names answers as the README says, in both eras.
 */
@RunAsClient
class TourIT extends McpIT {

    static final String README_URL = "ws://localhost:9080/mcp";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return productionWar("tour");
    }

    /** The code block that follows {@code <!-- snippet: name ...-->} in the README. */
    static String snippet(String name) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("<!-- snippet: " + Pattern.quote(name) + "\\b[^>]*-->\\n```[a-z]*\\n(.*?)\\n```",
                Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "snippet " + name + " in README.md");
        String code = m.group(1);
        assertTrue(code.contains(README_URL), "the snippet uses the URL of mvn liberty:run");
        return code;
    }

    private String url() {
        return wsUri().toString();
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String text = out.get(10, TimeUnit.SECONDS);
        assertTrue(exited, "the snippet exits by itself; its output:\n" + text);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    void theTypeScriptSnippetRunsAsWrittenAndExits() throws Exception {
        File dir = new File(System.getProperty("interop.ts.dir", "src/test/interop/ts"));
        assertTrue(new File(dir, "node_modules/@modelcontextprotocol/sdk").isDirectory(), "npm ci ran in " + dir);
        File script = new File(dir, ".readme-snippet.mjs");
        Files.writeString(script.toPath(), snippet("ts-client").replace(README_URL, url()));
        try {
            String out = run(new ProcessBuilder("node", script.getName()).directory(dir));
            assertTrue(out.contains("[ 'calculate', 'echo', 'greet', 'slow_task', 'summarize_text' ]"), out);
            assertTrue(out.lines().anyMatch(l -> l.trim().equals("42")), out);
        } finally {
            Files.deleteIfExists(script.toPath());
        }
    }

    @Test
    void theJavaClientSnippetCompilesRunsAsWrittenAndExits() throws Exception {
        String code = snippet("java-client");
        Matcher imports = Pattern.compile("^// (import .*)$", Pattern.MULTILINE).matcher(code);
        assertTrue(imports.find(), "the snippet names its imports in its first line");
        Path dir = Files.createDirectories(Path.of("target", "readme-snippet"));
        Path source = dir.resolve("ReadmeSnippet.java");
        Files.writeString(source, imports.group(1) + "\npublic class ReadmeSnippet {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + code.replace(README_URL, url()) + "\n    }\n}\n");
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        try (var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(errors, files, null, List.of("-cp", classpath, "-d", dir.toString()), null,
                    files.getJavaFileObjects(source.toFile())).call();
            assertTrue(ok, errors.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = run(new ProcessBuilder(java, "-cp", dir.toAbsolutePath() + File.pathSeparator + classpath,
                "ReadmeSnippet"));
        assertTrue(out.contains("mcp-websocket speaks 2026-07-28"), out);
        for (String line : List.of("calculate", "echo", "greet", "slow_task", "summarize_text", "42.0", "Hello, Ada!", "5.0")) {
            assertTrue(out.lines().anyMatch(l -> l.trim().equals(line)), line + " in:\n" + out);
        }
        assertFalse(out.lines().anyMatch(l -> l.trim().equals("server_stats")), "hidden without auth: " + out);
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolEra.class, names = {"LEGACY", "MODERN"})
    void theExamplesOfTheTourAnswerInBothEras(ProtocolEra era) {
        List<JsonObject> asked = new CopyOnWriteArrayList<>();
        try (McpClient c = McpClient.builder(wsUri()).era(era)
                .onElicitation(params -> {
                    asked.add(params);
                    return CompletableFuture.completedFuture(Json.createObjectBuilder().add("action", "accept")
                            .add("content", Json.createObjectBuilder().add("name", "Grace")).build());
                })
                .onSampling(params -> CompletableFuture.completedFuture(Json.createObjectBuilder()
                        .add("role", "assistant").add("model", "test-model")
                        .add("content", Json.createObjectBuilder().add("type", "text").add("text", "It is short."))
                        .build()))
                .build()) {
            c.connect();
            assertEquals("Hello, Grace!", c.callTool("greet", Map.of()).text());
            assertEquals(1, asked.size(), "asked once: " + asked);
            assertTrue(asked.get(0).getString("message").contains("Who should be greeted"));
            assertEquals("Hello, Alan!", c.callTool("greet", Map.of("name", "Alan")).text());
            assertEquals(1, asked.size(), "not asked when the name is given");
            ToolCallResult summary = c.callTool("summarize_text", Map.of("text", "A long text about nothing at all."));
            assertEquals("It is short.", summary.text());
            String guide = c.readResource("docs://guide").text();
            assertTrue(guide.startsWith("# The example server") && guide.contains("`greet`"), guide);
            assertTrue(c.listResources().stream().anyMatch(r -> r.uri().equals("docs://guide")));
        }
    }

    @Test
    void withoutTheCapabilityTheToolsSayWhatTheyNeed() {
        try (McpClient c = McpClient.builder(wsUri()).era(ProtocolEra.LEGACY).build()) {
            c.connect();
            ToolCallResult greet = c.callTool("greet", Map.of());
            assertTrue(greet.isError() && greet.text().contains("no elicitation capability"), greet.json().toString());
            ToolCallResult summary = c.callTool("summarize_text", Map.of("text", "x"));
            assertTrue(summary.isError() && summary.text().contains("sampling"), summary.json().toString());
        }
    }
}
