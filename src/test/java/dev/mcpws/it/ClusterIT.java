package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.it.support.StandaloneServer;
import dev.mcpws.testing.RedisServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Cluster mode on real parts: a real {@code redis-server} on a free loopback port and two Open Liberty nodes sharing
 * it: node A is the Arquillian server, node B a {@link StandaloneServer} (same WAR, same name, version and secret).
 * Clients connect to each node directly (the load balancer of issue 14 part 3 comes later). Shown: a resource update
 * on A reaches a legacy subscriber and a 2026-07-28 listen on B, and A's own subscriber exactly once; a tool added
 * on B reaches A's clients as {@code list_changed}; Redis stopped: both nodes stay ready with the link reported
 * down, A's publish is counted as dropped; Redis back: the link is up again (a reconnect counted) and the same
 * subscriptions get the next update.
 */
@RunAsClient
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends McpIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String URI_X = "fixture://cluster/x";
    private static final String MARKER = "fixture://cluster/marker";
    private static final String URI_AFTER = "fixture://cluster/after-restart";

    static RedisServer redis;
    static StandaloneServer nodeB;
    /** Sockets open for the whole class: the subscriptions live on them across the Redis restart. */
    static WsClient legacyB;
    static WsClient modernB;
    static long listenB;
    static WsClient legacyA;

    /** Redis first: node A's configuration names its port. */
    static synchronized String clusterConfig() {
        if (redis == null) {
            redis = RedisServer.launch();
        }
        return "mcp.cluster.redis-uri=" + redis.uri() + "\nmcp.cluster.channel=cluster-it";
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar(clusterConfig());
    }

    @BeforeAll
    static void startNodeB() {
        nodeB = new StandaloneServer(System.getProperty("liberty.server.name", "defaultServer") + "2",
                StandaloneServer.rootTestWar(clusterConfig()));
        nodeB.start();
    }

    @AfterAll
    static void stopAll() {
        for (WsClient c : new WsClient[] {legacyB, modernB, legacyA}) {
            if (c != null) {
                c.close();
            }
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void anUpdateOnAReachesTheSubscribersOfBAndAsOwnOnce() throws Exception {
        awaitLink(true);
        legacyB = WsClient.connect(nodeB.wsUri(), "mcp");
        initialize(legacyB);
        legacyB.call("resources/subscribe", Json.createObjectBuilder().add("uri", URI_X).build());
        legacyB.call("resources/subscribe", Json.createObjectBuilder().add("uri", URI_AFTER).build());
        modernB = WsClient.connect(nodeB.wsUri(), "mcp");
        listenB = modernB.send("subscriptions/listen", modern(Json.createObjectBuilder().add("notifications",
                Json.createObjectBuilder().add("toolsListChanged", true)
                        .add("resourceSubscriptions", Json.createArrayBuilder().add(URI_X).add(URI_AFTER)))));
        modernB.await(m -> "notifications/subscriptions/acknowledged".equals(m.getString("method", "")), "acknowledged");
        legacyA = legacy(LEGACY);
        legacyA.call("resources/subscribe", Json.createObjectBuilder().add("uri", URI_X).build());
        legacyA.call("resources/subscribe", Json.createObjectBuilder().add("uri", MARKER).build());

        try (WsClient a = legacy(LEGACY)) {
            a.call("tools/call", toolCall("touch", args().add("uri", URI_X)));
        }
        assertEquals(URI_X, updated(legacyB).getString("uri"));
        JsonObject modern = updated(modernB);
        assertEquals(URI_X, modern.getString("uri"));
        assertEquals(listenB, modern.getJsonObject("_meta").getJsonNumber("io.modelcontextprotocol/subscriptionId").longValue());

        // B announces a marker after it got A's update: Redis gave A's own message to A's subscription before the
        // marker, so had A delivered its own message again, its subscriber would see URI_X twice before the marker
        try (WsClient b = initialize(WsClient.connect(nodeB.wsUri(), "mcp"))) {
            b.call("tools/call", toolCall("touch", args().add("uri", MARKER)));
        }
        List<String> seen = new ArrayList<>();
        while (true) {
            String uri = updated(legacyA).getString("uri");
            if (uri.equals(MARKER)) {
                break;
            }
            seen.add(uri);
        }
        assertEquals(List.of(URI_X), seen, "node A delivered its own update exactly once");

        assertTrue(metric("mcp_cluster_messages_published_total") >= 1, "A counted its publish");
        assertTrue(metricOf(nodeB.httpUri("/metrics"), "mcp_cluster_messages_received_total") >= 1, "B counted its receipt");
    }

    @Test
    @Order(2)
    void aToolAddedOnBReachesTheClientsOfA() {
        try (WsClient modernA = connect("mcp")) {
            modernA.send("subscriptions/listen", modern(Json.createObjectBuilder().add("notifications",
                    Json.createObjectBuilder().add("toolsListChanged", true))));
            modernA.await(m -> "notifications/subscriptions/acknowledged".equals(m.getString("method", "")), "ack");
            try (WsClient b = initialize(WsClient.connect(nodeB.wsUri(), "mcp"))) {
                b.call("tools/call", toolCall("add_tool", args().add("name", "cluster_tool")));
            }
            legacyA.await(method("notifications/tools/list_changed"), "tools/list_changed on A (legacy)");
            modernA.await(method("notifications/tools/list_changed"), "tools/list_changed on A (listen)");
            modernB.await(method("notifications/tools/list_changed"), "tools/list_changed on B (its own)");
        }
    }

    @Test
    @Order(3)
    void redisRestartedDeliveryResumes() throws Exception {
        double droppedBefore = metric("mcp_cluster_messages_dropped_total", "reason=\"redis_down\"");
        redis.stop();
        awaitLink(false); // and readiness stays UP: checked in awaitLink
        try (WsClient a = legacy(LEGACY)) {
            a.call("tools/call", toolCall("touch", args().add("uri", URI_X)));
        }
        // A's own subscriber still gets it: local delivery does not need Redis
        assertEquals(URI_X, updated(legacyA).getString("uri"));
        awaitMetric(() -> metric("mcp_cluster_messages_dropped_total", "reason=\"redis_down\"") == droppedBefore + 1,
                "A counted the publish it could not make");

        redis.start();
        awaitLink(true);
        assertTrue(metric("mcp_cluster_redis_reconnects_total") >= 1, "A counted the reconnect");
        assertTrue(metricOf(nodeB.httpUri("/metrics"), "mcp_cluster_redis_reconnects_total") >= 1, "B counted it");
        try (WsClient a = legacy(LEGACY)) {
            a.call("tools/call", toolCall("touch", args().add("uri", URI_AFTER)));
        }
        // the same sockets and subscriptions as before the restart: lettuce subscribed node B again
        assertEquals(URI_AFTER, updated(legacyB, URI_AFTER).getString("uri"));
        assertEquals(URI_AFTER, updated(modernB, URI_AFTER).getString("uri"));
    }

    // ------------------------------------------------------------------ helpers

    private static WsClient initialize(WsClient c) {
        c.call("initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "cluster-it").add("version", "1")).build());
        c.notify("notifications/initialized", JsonObject.EMPTY_JSON_OBJECT);
        return c;
    }

    private static Predicate<JsonObject> method(String name) {
        return m -> name.equals(m.getString("method", null));
    }

    private static JsonObject updated(WsClient c) {
        return c.await(method("notifications/resources/updated"), "resources/updated").getJsonObject("params");
    }

    /** The next update of {@code uri}. */
    private static JsonObject updated(WsClient c, String uri) {
        return c.await(m -> method("notifications/resources/updated").test(m)
                && uri.equals(m.getJsonObject("params").getString("uri")), "resources/updated " + uri).getJsonObject("params");
    }

    /** Waits (bounded) until both nodes report the cluster link {@code up}; both stay ready (200, UP) meanwhile. */
    private void awaitLink(boolean up) throws InterruptedException {
        String want = up ? "up" : "down";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<java.util.function.Supplier<JsonObject>> nodes = List.of(() -> get("/health/ready").json(),
                () -> fetch(nodeB.httpUri("/health/ready")));
        for (var health : nodes) {
            while (true) {
                JsonObject ready = health.get();
                assertEquals("UP", ready.getString("status"), "readiness does not depend on Redis: " + ready);
                String link = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("name").equals("mcp-ready")).findFirst().orElseThrow()
                        .getJsonObject("data").getString("clusterLink");
                if (link.equals(want)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("cluster link not " + want + " within " + WAIT + ": " + ready);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitMetric(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static JsonObject fetch(URI uri) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(WsClient.TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return Json.createReader(new java.io.StringReader(r.body())).readObject();
        } catch (Exception e) {
            throw new AssertionError("GET " + uri, e);
        }
    }

    private static double metricOf(URI metrics, String name) {
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).timeout(WsClient.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            throw new AssertionError("GET " + metrics, e);
        }
    }
}
