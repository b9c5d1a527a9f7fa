package dev.mcpws.it;

import static dev.mcpws.contract.McpTestClient.CLIENT_CAPABILITIES;
import static dev.mcpws.contract.McpTestClient.PROTOCOL_VERSION;
import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpws.contract.Capability;
import dev.mcpws.contract.CompletionsContract;
import dev.mcpws.contract.ContractDeployment;
import dev.mcpws.contract.Era;
import dev.mcpws.contract.ErasContract;
import dev.mcpws.contract.ErrorsContract;
import dev.mcpws.contract.HttpWire;
import dev.mcpws.contract.InputContract;
import dev.mcpws.contract.LoggingContract;
import dev.mcpws.contract.McpTestClient;
import dev.mcpws.contract.ProgressCancellationContract;
import dev.mcpws.contract.PromptsContract;
import dev.mcpws.contract.ResourcesContract;
import dev.mcpws.contract.SubscriptionsContract;
import dev.mcpws.contract.ToolsContract;
import dev.mcpws.contract.WebSocketWire;
import dev.mcpws.contract.Wire;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract suite over Streamable HTTP, against the test WAR on Open Liberty (one deployment for all scenarios),
 * plus the differential test: the same requests over WebSocket and over HTTP get the same answers.
 */
@RunAsClient
public class HttpContractIT extends McpIT implements ToolsContract, ResourcesContract, PromptsContract,
        CompletionsContract, LoggingContract, SubscriptionsContract, ProgressCancellationContract, InputContract,
        ErasContract, ErrorsContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ContractDeployment.war();
    }

    URI endpoint() {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp");
    }

    @Override
    public Wire wire() {
        return new HttpWire(endpoint());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CDI_SESSION_SCOPE);
    }

    // ------------------------------------------------------------------ differential

    /** Representative requests of both eras (a name, and what to send). */
    static Map<String, Function<McpTestClient, McpTestClient.Request>> representative(Era era) {
        Map<String, Function<McpTestClient, McpTestClient.Request>> r = new LinkedHashMap<>();
        r.put("tools/list", c -> c.request("tools/list"));
        r.put("prompts/list", c -> c.request("prompts/list"));
        r.put("resources/list", c -> c.request("resources/list"));
        r.put("resources/templates/list", c -> c.request("resources/templates/list"));
        r.put("call echo", c -> c.tool("echo").arg("text", "diff"));
        r.put("call calculate", c -> c.tool("calculate").arg("a", 6).arg("operation", "multiply").arg("b", 7));
        r.put("call with a bad argument (tool error)", c -> c.tool("echo").param("arguments", obj()));
        r.put("call unknown tool", c -> c.tool("no_such_tool").param("arguments", obj()));
        r.put("call with arguments not an object", c -> c.tool("echo").param("arguments", "text"));
        r.put("call needing an undeclared capability", c -> c.tool("ask_name").param("arguments", obj()));
        r.put("call failing unexpectedly", c -> c.tool("fail_unexpected").param("arguments", obj()));
        r.put("read text", c -> c.request("resources/read").param("uri", "it://config"));
        r.put("read template", c -> c.request("resources/read").param("uri", "it://orders/1234"));
        r.put("read missing", c -> c.request("resources/read").param("uri", "it://nothing"));
        r.put("get prompt", c -> c.request("prompts/get").param("name", "it_hello").param("arguments", obj().add("who", "Ada")));
        r.put("get prompt without a required argument", c -> c.request("prompts/get").param("name", "it_review")
                .param("arguments", obj()));
        r.put("get unknown prompt", c -> c.request("prompts/get").param("name", "nope"));
        r.put("complete", c -> c.request("completion/complete").param("ref", obj().add("type", "ref/prompt").add("name", "it_review"))
                .param("argument", obj().add("name", "language").add("value", "ja")));
        r.put("complete unknown ref", c -> c.request("completion/complete").param("ref", obj().add("type", "ref/prompt")
                .add("name", "nope")).param("argument", obj().add("name", "a").add("value", "")));
        r.put("bad cursor", c -> c.request("tools/list").param("cursor", "not-a-cursor"));
        r.put("unknown method", c -> c.request("no/such"));
        if (era == Era.MODERN) {
            r.put("server/discover", c -> c.request("server/discover"));
            r.put("missing _meta", c -> c.request("tools/list").withoutEraMeta());
            r.put("_meta without clientCapabilities", c -> c.request("tools/list").withoutEraMeta()
                    .meta(PROTOCOL_VERSION, Json.createValue(Era.MODERN_VERSION)));
            r.put("_meta without protocolVersion", c -> c.request("tools/list").withoutEraMeta()
                    .meta(CLIENT_CAPABILITIES, obj().build()));
            r.put("unsupported version", c -> c.request("server/discover").meta(PROTOCOL_VERSION, Json.createValue("2099-01-01")));
            r.put("ping (legacy only)", c -> c.request("ping"));
            r.put("logging/setLevel (legacy only)", c -> c.request("logging/setLevel").param("level", "info"));
            r.put("listen without a filter", c -> c.request("subscriptions/listen"));
            r.put("input_required", c -> c.tool("ask_name").param("arguments", obj())
                    .meta(CLIENT_CAPABILITIES, obj().add("elicitation", obj()).build()).noRetry());
        } else {
            r.put("ping", c -> c.request("ping"));
            r.put("setLevel with a bad level", c -> c.request("logging/setLevel").param("level", "loud"));
            r.put("subscribe without uri", c -> c.request("resources/subscribe"));
            r.put("server/discover without _meta", c -> c.request("server/discover").withoutParams());
            r.put("listen without _meta", c -> c.request("subscriptions/listen").param("notifications",
                    obj().add("toolsListChanged", true)));
        }
        return r;
    }

    /** The response without what may differ between two sends: the id and the opaque requestState. */
    static JsonObject normalized(JsonObject response) {
        JsonObjectBuilder b = Json.createObjectBuilder(response);
        b.remove("id");
        if (response.get("result") instanceof JsonObject result && result.containsKey("requestState")) {
            b.add("result", Json.createObjectBuilder(result).add("requestState", "<state>"));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void theSameRequestGetsTheSameAnswerOverWebSocketAndHttp(Era era) {
        List<String> differences = new ArrayList<>();
        try (McpTestClient ws = McpTestClient.of(era, new WebSocketWire(wsUri()), JsonValue.EMPTY_JSON_OBJECT);
             McpTestClient http = McpTestClient.of(era, new HttpWire(endpoint()), JsonValue.EMPTY_JSON_OBJECT)) {
            representative(era).forEach((name, request) -> {
                JsonObject overWs = normalized(request.apply(ws).call().response());
                JsonObject overHttp = normalized(request.apply(http).call().response());
                if (!overWs.equals(overHttp)) {
                    differences.add(era + " " + name + ":\n  WebSocket: " + overWs + "\n  HTTP:      " + overHttp);
                }
            });
        }
        assertEquals("", String.join("\n", differences), differences.size() + " requests answered differently");
    }
}
