package dev.mcpws.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.Completion;
import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpClientListener;
import dev.mcpws.client.McpErrorException;
import dev.mcpws.client.McpFuture;
import dev.mcpws.client.ProgressUpdate;
import dev.mcpws.client.PromptResult;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ResourceInfo;
import dev.mcpws.client.Root;
import dev.mcpws.client.ServerDescription;
import dev.mcpws.client.ToolCallResult;
import dev.mcpws.client.ToolInfo;
import dev.mcpws.it.McpIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against our server, every feature once, in the era a subclass pins ({@link #requested()}). The handlers
 * answer elicitation, sampling and roots, so the same tests cover legacy server-to-client requests and 2026-07-28
 * input rounds.
 */
abstract class ClientRoundTrips extends McpIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return testWar();
    }

    /** The era the client is told to use (AUTO must find modern on our server). */
    abstract ProtocolEra requested();

    abstract ProtocolEra expected();

    final List<JsonObject> logs = new CopyOnWriteArrayList<>();
    McpClient client;

    @BeforeEach
    void open() {
        client = McpClient.builder(wsUri()).era(requested())
                .requestTimeout(Duration.ofSeconds(20))
                .onElicitation(params -> CompletableFuture.completedFuture(Json.createObjectBuilder()
                        .add("action", "accept").add("content", Json.createObjectBuilder().add("name", "Ada")).build()))
                .onSampling(params -> CompletableFuture.completedFuture(Json.createObjectBuilder()
                        .add("role", "assistant").add("model", "it-model")
                        .add("content", Json.createObjectBuilder().add("type", "text").add("text", "short")).build()))
                .roots(() -> List.of(new Root("file:///work/a", "a"), new Root("file:///work/b", null)))
                .listener(new McpClientListener() {
                    @Override
                    public void log(JsonObject params) {
                        logs.add(params);
                    }
                })
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void connectsInTheExpectedEraAndDescribesTheServer() {
        ServerDescription server = client.connect();
        assertEquals(expected(), server.era());
        assertEquals(expected(), client.era());
        assertEquals("mcp-it", server.name());
        assertEquals("9.9.9", server.version());
        assertTrue(server.has("tools"), server.capabilities().toString());
        assertEquals(expected() == ProtocolEra.MODERN ? "2026-07-28" : "2025-11-25", server.protocolVersion());
        assertTrue(client.isConnected());
    }

    @Test
    void listsAndCallsTools() {
        client.connect();
        List<ToolInfo> tools = client.listTools();
        ToolInfo echo = tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertTrue(echo.readOnly() && echo.idempotent());
        assertTrue(tools.size() > 20, "all pages followed: " + tools.size());
        assertEquals("hi there", client.callTool("echo", Map.of("text", "hi there")).text());
        ToolCallResult sum = client.callTool("calculate", Map.of("operation", "add", "a", 2, "b", 3));
        assertFalse(sum.isError());
        assertEquals(5.0, sum.structuredContent().getJsonNumber("result").doubleValue(), 1e-9, sum.json().toString());
        assertTrue(client.callTool("fail_business", Map.of("why", "no stock")).isError());
        McpErrorException unknown = assertThrows(McpErrorException.class, () -> client.callTool("no_such_tool", Map.of()));
        assertEquals(-32602, unknown.code());
    }

    @Test
    void reportsProgressAndCancels() throws Exception {
        client.connect();
        BlockingQueue<ProgressUpdate> progress = new LinkedBlockingQueue<>();
        ToolCallResult done = client.callToolAsync("slow_task", Map.of("steps", 3, "stepMillis", 10), progress::add)
                .get(20, TimeUnit.SECONDS);
        assertFalse(done.isError());
        ProgressUpdate first = progress.poll(5, TimeUnit.SECONDS);
        assertTrue(first != null && first.total() != null && first.total() == 3.0, String.valueOf(first));

        int stoppedBefore = Integer.parseInt(client.callTool("stopped_by_cancel", Map.of()).text());
        McpFuture<ToolCallResult> waiting = client.callToolAsync("wait_for_cancel", Map.of());
        Thread.sleep(300);
        assertTrue(waiting.cancel(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int stopped = stoppedBefore;
        while (stopped == stoppedBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stopped = Integer.parseInt(client.callTool("stopped_by_cancel", Map.of()).text());
        }
        assertEquals(stoppedBefore + 1, stopped, "the server stopped the cancelled call");
    }

    @Test
    void readsResourcesAndTemplates() {
        client.connect();
        List<ResourceInfo> resources = client.listResources();
        assertTrue(resources.stream().anyMatch(r -> r.uri().equals("it://config")), resources.toString());
        List<ResourceInfo> templates = client.listResourceTemplates();
        assertTrue(templates.stream().anyMatch(t -> t.uri().equals("it://orders/{id}")), templates.toString());
        assertTrue(client.readResource("it://orders/1042").text().contains("1042"));
        assertTrue(client.readResource("it://logo").blob().length > 0);
        Completion ids = client.completeResourceTemplate("it://orders/{id}", "id", "104", null);
        assertEquals(10, ids.values().size(), ids.toString());
    }

    @Test
    void subscribesToAResource() throws Exception {
        client.connect();
        BlockingQueue<String> updates = new LinkedBlockingQueue<>();
        client.subscribe("it://config", updates::add);
        client.callTool("touch", Map.of("uri", "it://config"));
        assertEquals("it://config", updates.poll(10, TimeUnit.SECONDS));
        client.unsubscribe("it://config");
        client.callTool("touch", Map.of("uri", "it://config"));
        assertEquals(null, updates.poll(500, TimeUnit.MILLISECONDS), "no update after unsubscribe");
    }

    @Test
    void getsPromptsAndCompletions() {
        client.connect();
        assertTrue(client.listPrompts().stream().anyMatch(p -> p.name().equals("it_review")));
        PromptResult review = client.getPrompt("it_review", Map.of("code", "x = 1", "language", "python"));
        assertTrue(review.text(0).contains("x = 1"), review.json().toString());
        assertTrue(review.description().contains(expected() == ProtocolEra.MODERN ? "2026-07-28" : "2025-11-25"));
        assertEquals(List.of("java", "javascript"), client.completePrompt("it_review", "language", "ja", null).values());
        assertEquals(List.of("lifetimes", "unsafe"),
                client.completePrompt("it_review", "focus", "", Map.of("language", "rust")).values());
    }

    @Test
    void answersTheServersQuestions() {
        client.connect();
        assertEquals("Hello, Ada", client.callTool("ask_name", Map.of()).text());
        assertEquals("Ada Ada", client.callTool("two_questions", Map.of()).text());
        assertEquals("Summary: short", client.callTool("summarize", Map.of("text", "a long text")).text());
        assertEquals("file:///work/a,file:///work/b", client.callTool("list_roots", Map.of()).text());
        assertEquals("Ada|short|2", client.callTool("ask_together", Map.of()).text(), "three questions, one round");
    }

    @Test
    void receivesLogsAtTheChosenLevel() throws Exception {
        client.connect();
        client.setLogLevel("warning");
        client.callTool("log_levels", Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (logs.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        assertEquals(List.of("warning", "error"), logs.stream().map(l -> l.getString("level")).toList());
    }
}
