package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpws.it.fixtures.FixturePrompts;
import dev.mcpws.it.fixtures.FixtureResources;
import dev.mcpws.it.fixtures.FixtureTools;
import dev.mcpws.it.fixtures.SessionCounter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared base of the integration tests: they run as clients against the real WAR (built by {@code mvn package})
 * plus the test fixtures, deployed on a managed Open Liberty, over real sockets.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class McpIT {

    public static final String MODERN = "2026-07-28";
    public static final String LEGACY = "2025-11-25";

    /** Configuration of the test deployment (small limits so the tests stay fast). */
    static final String TEST_CONFIG = String.join("\n",
            "mcp.websocket.max-message-bytes=65536", // the deprecated alias on purpose: FramingIT sees it applied (1009)
            "mcp.limits.max-in-flight=256",
            "mcp.allowed-origins=http://allowed.example",
            "mcp.allowed-hosts=mcp.test",
            "mcp.cache.ttl-ms=1234",
            "mcp.server.name=mcp-it",
            "mcp.server.version=9.9.9",
            "mcp.server.title=MCP IT server",
            "mcp.server.instructions=Use the echo tool.",
            "mcp.mrtr.secret=aXQtc2VjcmV0LWZvci1tcnRyLXN0YXRlcy0zMi1ieXRlcyE=");

    @ArquillianResource
    protected URL base;

    /** The production WAR plus the fixtures and the test configuration. */
    public static WebArchive testWar() {
        return testWar("");
    }

    /** {@link #testWar()} with extra configuration lines (later lines win). */
    public static WebArchive testWar(String extraConfig) {
        return testWar("mcp-it", extraConfig);
    }

    /**
     * The production WAR as built, with no fixture and no configuration, served at {@code /<name>} (its
     * {@code ibm-web-ext.xml} context root {@code /} removed, so it lives beside whatever else is deployed).
     */
    public static WebArchive productionWar(String name) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name + ".war")
                .importFrom(new File(System.getProperty("mcp.war", "target/mcp-websocket.war")))
                .as(WebArchive.class);
        war.delete("WEB-INF/ibm-web-ext.xml");
        return war;
    }

    /** A test WAR served at {@code /<name>}. */
    public static WebArchive testWar(String name, String extraConfig) {
        return productionWar(name).addClasses(FixtureTools.class, FixtureTools.Item.class, FixtureTools.Order.class,
                        FixtureTools.OrderSummary.class, FixtureTools.Priority.class, SessionCounter.class,
                        dev.mcpws.it.fixtures.ConnectionEvents.class)
                .addClasses(FixtureResources.class, FixturePrompts.class, dev.mcpws.it.fixtures.FixtureNotifications.class)
                .addClasses(dev.mcpws.it.fixtures.FixtureInput.class)
                .addAsResource(new StringAsset(TEST_CONFIG + "\n" + extraConfig), "META-INF/microprofile-config.properties");
    }

    protected URI wsUri() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp");
    }

    /** The endpoint of another deployment on the same server. */
    protected URI wsUri(String contextRoot) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/" + contextRoot + "/mcp");
    }

    /** GET on the server (health, metrics): status and body. */
    protected HttpResult get(String path) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://" + base.getHost() + ":" + base.getPort() + path))
                            .timeout(WsClient.TIMEOUT).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new HttpResult(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record HttpResult(int status, String body) {
        public JsonObject json() {
            return Json.createReader(new java.io.StringReader(body)).readObject();
        }
    }

    /** The value of one Prometheus sample whose line starts with {@code name{} and contains every label given. */
    protected double metric(String name, String... labels) {
        String text = get("/metrics").body();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String l : labels) {
                    all &= line.contains(l);
                }
                if (all) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
        }
        return found ? sum : 0;
    }

    protected WsClient connect(String... subprotocols) {
        return WsClient.connect(wsUri(), subprotocols);
    }

    /** A socket that completed the legacy handshake with {@code version}. */
    protected WsClient legacy(String version) {
        WsClient c = connect("mcp");
        JsonObject result = c.call("initialize", Json.createObjectBuilder()
                .add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "it-legacy").add("version", "1"))
                .build());
        assertEquals(version, result.getString("protocolVersion"));
        c.notify("notifications/initialized", JsonObject.EMPTY_JSON_OBJECT);
        return c;
    }

    /** The {@code _meta} every 2026-07-28 request carries. */
    public static JsonObjectBuilder modernMeta() {
        return Json.createObjectBuilder()
                .add("io.modelcontextprotocol/protocolVersion", MODERN)
                .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder())
                .add("io.modelcontextprotocol/clientInfo", Json.createObjectBuilder().add("name", "it-modern").add("version", "1"));
    }

    /** Params for a 2026-07-28 request: {@code params} plus the required {@code _meta}. */
    public static JsonObject modern(JsonObjectBuilder params) {
        return params.add("_meta", modernMeta()).build();
    }

    public static JsonObject modern() {
        return modern(Json.createObjectBuilder());
    }

    public static JsonObject toolCall(String name, JsonObjectBuilder arguments) {
        return Json.createObjectBuilder().add("name", name).add("arguments", arguments).build();
    }

    public static JsonObjectBuilder args() {
        return Json.createObjectBuilder();
    }

    /** The text of the first content block of a CallToolResult. */
    public static String text(JsonObject callResult) {
        return callResult.getJsonArray("content").getJsonObject(0).getString("text");
    }
}
