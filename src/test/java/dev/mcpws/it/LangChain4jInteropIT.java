package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpBlobResourceContents;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpGetPromptResult;
import dev.langchain4j.mcp.client.McpPrompt;
import dev.langchain4j.mcp.client.McpResource;
import dev.langchain4j.mcp.client.McpTextContent;
import dev.langchain4j.mcp.client.McpTextResourceContents;
import dev.langchain4j.mcp.client.transport.websocket.WebSocketMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Interop with a client nobody here wrote: langchain4j's {@code WebSocketMcpTransport} (JDK WebSocket, no subprotocol,
 * legacy {@code initialize} handshake with 2025-11-25) driven by its {@code DefaultMcpClient}: tools, resources, prompts.
 */
@RunAsClient
class LangChain4jInteropIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void listsAndCallsToolsThroughLangChain4j() throws Exception {
        WebSocketMcpTransport transport = new WebSocketMcpTransport.Builder()
                .url(wsUri().toString())
                .timeout(Duration.ofSeconds(20))
                .build();
        McpClient client = new DefaultMcpClient.Builder()
                .key("mcp-it")
                .clientName("langchain4j-interop")
                .clientVersion("1.0")
                .transport(transport)
                .initializationTimeout(Duration.ofSeconds(20))
                .toolExecutionTimeout(Duration.ofSeconds(20))
                .build(); // connects and completes the initialize handshake
        try {
            List<String> names = client.listTools().stream().map(ToolSpecification::name).toList();
            assertTrue(names.containsAll(List.of("echo", "calculate", "slow_task")), () -> "tools/list: " + names);
            ToolSpecification calculate = client.listTools().stream().filter(t -> t.name().equals("calculate"))
                    .findFirst().orElseThrow();
            assertTrue(calculate.parameters().properties().keySet().containsAll(List.of("a", "operation", "b")),
                    () -> "inputSchema mapped to parameters: " + calculate.parameters());

            ToolExecutionResult echo = client.executeTool(call("echo", "{\"text\":\"hello from langchain4j\"}"));
            assertFalse(echo.isError(), echo::toString);
            assertEquals("hello from langchain4j", echo.resultText());

            // calculate returns structuredContent: langchain4j exposes it as result() (a Map) and as JSON text
            ToolExecutionResult calc = client.executeTool(call("calculate", "{\"a\":6,\"operation\":\"multiply\",\"b\":7}"));
            assertFalse(calc.isError(), calc::toString);
            assertTrue(calc.resultText().contains("42"), calc::resultText);
            Map<?, ?> structured = assertInstanceOf(Map.class, calc.result(), calc::toString);
            assertEquals(42.0, assertInstanceOf(Number.class, structured.get("result")).doubleValue(), calc::toString);
            assertEquals("6 * 7 = 42", structured.get("expression"));

            // a bad argument is a tool error (isError: true), not a protocol error: DefaultMcpClient turns it into
            // a ToolExecutionException with the content text and no JSON-RPC error code
            ToolExecutionException bad = assertThrows(ToolExecutionException.class,
                    () -> client.executeTool(call("calculate", "{\"a\":\"six\",\"operation\":\"multiply\",\"b\":7}")));
            assertNull(bad.errorCode(), () -> "expected isError, not a JSON-RPC error: " + bad);
            assertTrue(bad.getMessage() != null && bad.getMessage().contains("a"), bad::toString);

            // the connection is still usable after the tool error
            client.checkHealth();
            assertEquals("still here", client.executeTool(call("echo", "{\"text\":\"still here\"}")).resultText());
        } finally {
            client.close();
        }
        assertThrows(IllegalStateException.class, client::listTools, "a closed client refuses further calls");
    }

    @Test
    void readsResourcesAndGetsPromptsThroughLangChain4j() throws Exception {
        McpClient client = new DefaultMcpClient.Builder()
                .key("mcp-it-resources")
                .transport(new WebSocketMcpTransport.Builder().url(wsUri().toString()).timeout(Duration.ofSeconds(20)).build())
                .initializationTimeout(Duration.ofSeconds(20))
                .build();
        try {
            McpResource config = client.listResources().stream().filter(r -> r.uri().equals("it://config"))
                    .findFirst().orElseThrow(() -> new AssertionError("resources/list lacks it://config"));
            assertEquals("application/json", config.mimeType());
            assertTrue(client.listResourceTemplates().stream().anyMatch(t -> t.uriTemplate().equals("it://orders/{id}")));
            McpTextResourceContents order = assertInstanceOf(McpTextResourceContents.class,
                    client.readResource("it://orders/7").contents().get(0));
            assertEquals("order 7 (" + LEGACY + ")", order.text());
            McpBlobResourceContents logo = assertInstanceOf(McpBlobResourceContents.class,
                    client.readResource("it://logo").contents().get(0));
            assertEquals("image/png", logo.mimeType());

            McpPrompt review = client.listPrompts().stream().filter(p -> p.name().equals("it_review"))
                    .findFirst().orElseThrow(() -> new AssertionError("prompts/list lacks it_review"));
            assertTrue(review.arguments().get(0).required());
            McpGetPromptResult hello = client.getPrompt("it_hello", Map.of("who", "langchain4j"));
            assertEquals("Say hello to langchain4j",
                    assertInstanceOf(McpTextContent.class, hello.messages().get(0).content()).text());
        } finally {
            client.close();
        }
    }

    private static ToolExecutionRequest call(String name, String arguments) {
        return ToolExecutionRequest.builder().id(name + "-call").name(name).arguments(arguments).build();
    }
}
