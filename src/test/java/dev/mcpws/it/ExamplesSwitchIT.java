package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The example tools, resource template and prompt: deployed by the production WAR as it is ({@code mvn liberty:run}),
 * left out with {@code mcp.examples.enabled=false} (what the Docker image sets, as {@code MCP_EXAMPLES_ENABLED}), so an
 * anonymous client of a production server cannot hold a worker with {@code slow_task}.
 */
@RunAsClient
class ExamplesSwitchIT extends McpIT {

    @Deployment(name = "on", testable = false)
    static WebArchive on() {
        return production("examples-on", null);
    }

    @Deployment(name = "off", managed = false, testable = false)
    static WebArchive off() {
        return production("examples-off", "mcp.examples.enabled=false");
    }

    /** The production WAR unchanged but for its context root (and the given configuration, if any). */
    static WebArchive production(String name, String config) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name + ".war")
                .importFrom(new File(System.getProperty("mcp.war", "target/mcp-websocket.war")))
                .as(WebArchive.class);
        war.delete("WEB-INF/ibm-web-ext.xml");
        return config == null ? war : war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    private static Set<String> names(JsonObject result, String list, String key) {
        return result.getJsonArray(list).stream().map(JsonValue::asJsonObject).map(o -> o.getString(key))
                .collect(Collectors.toSet());
    }

    @Test
    void theProductionWarDeploysTheExamples() {
        try (WsClient c = WsClient.connect(wsUri("examples-on"))) {
            assertTrue(names(c.call("tools/list", modern()), "tools", "name")
                    .containsAll(List.of("echo", "calculate", "slow_task")));
            assertTrue(names(c.call("resources/templates/list", modern()), "resourceTemplates", "uriTemplate")
                    .contains("time://{+zone}"));
            assertTrue(names(c.call("prompts/list", modern()), "prompts", "name").contains("code_review"));
        }
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void switchedOffNoExampleIsDeployedAndTheServerStillServes() {
        deployer.deploy("off");
        try (WsClient c = WsClient.connect(wsUri("examples-off"))) {
            assertEquals(Set.of(), names(c.call("tools/list", modern()), "tools", "name"));
            assertEquals(Set.of(), names(c.call("resources/templates/list", modern()), "resourceTemplates", "uriTemplate"));
            assertEquals(Set.of(), names(c.call("prompts/list", modern()), "prompts", "name"));
            JsonObject call = c.request("tools/call", modern(jakarta.json.Json.createObjectBuilder()
                    .add("name", "slow_task").add("arguments", args().add("steps", 1))));
            assertTrue(call.containsKey("error"), "slow_task is unknown: " + call);
            assertFalse(call.toString().contains("Completed"), call.toString());
            assertTrue(c.call("server/discover", modern()).containsKey("supportedVersions"));
        } finally {
            deployer.undeploy("off");
        }
    }
}
