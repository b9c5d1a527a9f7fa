package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpws.client.McpClient;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ToolCallResult;
import dev.mcpws.it.fixtures.FixtureTasks;
import dev.mcpws.it.support.StandaloneServer;
import dev.mcpws.testing.RedisServer;
import io.lettuce.core.RedisClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Tasks shared by a cluster, on real parts: a real {@code redis-server} and two Open Liberty nodes sharing it (node A
 * the Arquillian server, node B a {@link StandaloneServer}; same WAR and configuration), with bearer auth on (the
 * {@code mp.jwt.verify.*} keys of {@link JwtIT}), so that one principal reaches both nodes and its tasks are bound to
 * it. Shown, in both eras: a task started and finished on A is read from B (status and result; a 2025-11-25
 * {@code tasks/result} asked on B while A still runs the task waits for it); another principal cannot read it on
 * either node (the answer of an unknown id); a listen on B is told each status of a task A runs
 * ({@code notifications/tasks}); Redis frozen (SIGSTOP): task calls are -32009 within a bound and our Java client
 * follows its task through that to its result; a task running on B stays {@code working} for A across several leases,
 * and once B's JVM is killed (SIGKILL: no drain) A reports it {@code failed} when its lease ran out, to a listen on A
 * without anyone polling, and to {@code tasks/get}.
 */
@RunAsClient
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTasksIT extends McpIT {

    static final long LEASE_MS = 1_500;
    private static final Duration WAIT = Duration.ofSeconds(60);

    static RedisServer redis;
    static StandaloneServer nodeB;

    /** Redis first: node A's configuration names its port. */
    static synchronized String clusterConfig() {
        if (redis == null) {
            redis = RedisServer.launch();
        }
        String pem = Base64.getEncoder().encodeToString(publicKey());
        return String.join("\n",
                "mcp.cluster.redis-uri=" + redis.uri(),
                "mcp.cluster.channel=cluster-tasks-it",
                "mcp.tasks.lease-ms=" + LEASE_MS,
                "mcp.tasks.poll-interval-ms=100",
                "mp.jwt.verify.publickey=-----BEGIN PUBLIC KEY-----" + pem + "-----END PUBLIC KEY-----",
                "mp.jwt.verify.issuer=" + JwtIT.ISSUER,
                "mp.jwt.verify.audiences=mcp-it");
    }

    private static byte[] publicKey() {
        try {
            return JwtIT.KEY.toPublicKey().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar(clusterConfig()).addClass(FixtureTasks.class);
    }

    @BeforeAll
    static void startNodeB() {
        nodeB = new StandaloneServer(System.getProperty("liberty.server.name", "defaultServer") + "2",
                StandaloneServer.rootTestWar(clusterConfig()).addClass(FixtureTasks.class));
        nodeB.start();
    }

    @AfterAll
    static void stopAll() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A token of {@code user} (its {@code preferred_username}: the principal), signed by the configured key. */
    static String token(String user) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .issuer(JwtIT.ISSUER).audience("mcp-it").claim("preferred_username", user).claim("scope", "mcp")
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
            jwt.sign(new RSASSASigner(JwtIT.KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static WsClient as(String user, URI node) {
        return WsClient.connect(node, Map.of("Authorization", "Bearer " + token(user)), "mcp");
    }

    static WsClient legacyAs(String user, URI node) {
        WsClient c = as(user, node);
        c.call("initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "cluster-tasks-it").add("version", "1")).build());
        c.notify("notifications/initialized", JsonObject.EMPTY_JSON_OBJECT);
        return c;
    }

    @Test
    @Order(1)
    void aTaskFinishedOnAIsReadFromBAndOnlyByItsPrincipal() throws Exception {
        try (WsClient danaA = as("dana", wsUri()); WsClient danaB = as("dana", nodeB.wsUri());
             WsClient erinA = as("erin", wsUri()); WsClient erinB = as("erin", nodeB.wsUri())) {
            String id = danaA.call("tools/call", TasksIT.slow(300)).getString("taskId");
            JsonObject onA = TasksIT.awaitStatus(t -> danaA.call("tasks/get", TasksIT.task(t)), id, "completed");
            assertEquals("slept 300 ms", text(onA.getJsonObject("result")));

            JsonObject onB = danaB.call("tasks/get", TasksIT.task(id));
            assertEquals("completed", onB.getString("status"));
            assertEquals(onA.getJsonObject("result"), onB.getJsonObject("result"), "B returns the result A stored");
            assertEquals(onA.getString("lastUpdatedAt"), onB.getString("lastUpdatedAt"));

            // another principal, on either node: exactly the answer of an id that does not exist
            for (WsClient erin : List.of(erinA, erinB)) {
                for (String method : List.of("tasks/get", "tasks/cancel")) {
                    JsonObject foreign = erin.request(method, TasksIT.task(id)).getJsonObject("error");
                    JsonObject unknown = erin.request(method, TasksIT.task("no-such-task-id")).getJsonObject("error");
                    assertEquals(-32602, unknown.getInt("code"));
                    assertEquals(unknown, foreign);
                }
            }
            assertEquals("completed", danaB.call("tasks/get", TasksIT.task(id)).getString("status"),
                    "erin's cancel changed nothing");
        }
    }

    @Test
    @Order(2)
    void experimentalTasksOf20251125AreReadFromTheOtherNodeToo() throws Exception {
        try (WsClient danaA = legacyAs("dana", wsUri()); WsClient danaB = legacyAs("dana", nodeB.wsUri());
             WsClient erinB = legacyAs("erin", nodeB.wsUri())) {
            String id = danaA.call("tools/call", Json.createObjectBuilder().add("name", "it_slow_task")
                    .add("arguments", Json.createObjectBuilder().add("millis", 3_000))
                    .add("task", Json.createObjectBuilder().add("ttl", 60_000)).build())
                    .getJsonObject("task").getString("taskId");
            JsonObject taskId = Json.createObjectBuilder().add("taskId", id).build();
            // asked on B while A still runs it: B waits (reading the shared store every poll interval), then answers
            JsonObject result = danaB.call("tasks/result", taskId);
            assertEquals("slept 3000 ms", text(result));
            assertEquals(id, result.getJsonObject("_meta").getJsonObject("io.modelcontextprotocol/related-task")
                    .getString("taskId"));
            assertEquals("completed", danaB.call("tasks/get", taskId).getString("status"));
            assertEquals("slept 3000 ms", text(danaA.call("tasks/result", taskId)));
            assertTrue(danaB.call("tasks/list", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("tasks")
                    .getValuesAs(JsonObject.class).stream().anyMatch(t -> t.getString("taskId").equals(id)));
            WsClient.assertError(erinB.request("tasks/get", taskId), -32602);
            assertEquals(0, erinB.call("tasks/list", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("tasks").size());
        }
    }

    /** A listen on B for a task A runs hears each status: A says the id on the bus, B reads the task in Redis. */
    @Test
    @Order(3)
    void aListenOnBIsToldTheStatusOfATaskRunningOnA() {
        try (WsClient danaA = as("dana", wsUri()); WsClient danaB = as("dana", nodeB.wsUri())) {
            String id = danaA.call("tools/call", TasksIT.slow(1_500)).getString("taskId");
            long listen = TasksIT.listenForTasks(danaB, id);
            JsonObject ack = danaB.await(m -> "notifications/subscriptions/acknowledged".equals(m.getString("method", null)),
                    "the acknowledgement").getJsonObject("params");
            assertEquals(id, ack.getJsonObject("notifications").getJsonArray("taskIds").getString(0));
            TasksIT.awaitTaskNotification(danaB, listen, id, "working");
            JsonObject done = TasksIT.awaitTaskNotification(danaB, listen, id, "completed");
            assertEquals("slept 1500 ms", text(done.getJsonObject("result")), "B read the result A stored");
        }
    }

    /**
     * Redis frozen (SIGSTOP) while a task of the Java client runs on A: task calls and tasks/get are answered -32009
     * within the command timeout, never a hang; the client keeps following its task through them, and once Redis
     * answers again it gets the result (the outcome A could not store meanwhile is stored then).
     */
    @Test
    @Order(4)
    void whileRedisDoesNotAnswerTaskCallsAreMinus32009AndTheClientFollowsThrough() throws Exception {
        String live = "cluster-tasks-it:tasks:live:principal:dana";
        RedisClient raw = RedisClient.create(redis.uri());
        try (var redisCli = raw.connect(); WsClient danaA = as("dana", wsUri());
             McpClient client = McpClient.builder(wsUri()).era(ProtocolEra.MODERN).bearerToken(() -> token("dana"))
                     .build()) {
            client.connect();
            CompletableFuture<ToolCallResult> call = CompletableFuture.supplyAsync(
                    () -> client.callToolAsTask("it_slow_task", Map.of("millis", 2_000), Duration.ofSeconds(120)));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (redisCli.sync().zcard(live) == 0) { // the task is stored (the earlier tests' tasks are finished)
                assertTrue(System.nanoTime() < deadline, "the client's task was never stored");
                Thread.sleep(20);
            }
            String id = redisCli.sync().zrange(live, 0, -1).get(0);
            redis.pause();
            try {
                JsonObject get = danaA.request("tasks/get", TasksIT.task(id)).getJsonObject("error");
                assertEquals(-32009, get.getInt("code"), get.toString());
                assertEquals("The task store is unavailable; nothing was done. Try again later", get.getString("message"));
                JsonObject create = danaA.request("tools/call", TasksIT.slow(10)).getJsonObject("error");
                assertEquals(-32009, create.getInt("code"), create.toString());
                // the client's own tasks/get got -32009 meanwhile too (each waits out the same 5 s): it follows on
                assertFalse(call.isDone(), "the client stopped following: " + call);
            } finally {
                redis.resume();
            }
            assertEquals("slept 2000 ms", call.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
            assertEquals("completed", danaA.call("tasks/get", TasksIT.task(id)).getString("status"));
        } finally {
            raw.shutdown();
        }
    }

    /** Last: node B is killed. */
    @Test
    @Order(5)
    void aTaskOnAKilledNodeIsReportedFailedFromTheOtherNode() throws Exception {
        String id;
        try (WsClient danaB = as("dana", nodeB.wsUri())) {
            id = danaB.call("tools/call", TasksIT.slow(60_000)).getString("taskId");
        }
        try (WsClient danaA = as("dana", wsUri()); WsClient listener = as("dana", wsUri())) {
            long listen = TasksIT.listenForTasks(listener, id);
            TasksIT.awaitTaskNotification(listener, listen, id, "working");
            // while B lives it renews the lease: A reads working across several lease periods
            long until = System.nanoTime() + Duration.ofMillis(3 * LEASE_MS).toNanos();
            int reads = 0;
            while (System.nanoTime() < until || reads < 2) {
                assertEquals("working", danaA.call("tasks/get", TasksIT.task(id)).getString("status"),
                        "a task whose node lives is not failed");
                reads++;
                Thread.sleep(100); // the task's pollIntervalMs: how a client follows a task
            }

            nodeB.kill();

            // nobody polls: A's watch of the leases its listens wait on finds the task lost and says so
            JsonObject told = TasksIT.awaitTaskNotification(listener, listen, id, "failed");
            assertEquals(-32603, told.getJsonObject("error").getInt("code"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonObject t;
            do {
                t = danaA.call("tasks/get", TasksIT.task(id));
                if (!t.getString("status").equals("working")) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            assertEquals("failed", t.getString("status"), "after B died: " + t);
            assertEquals(-32603, t.getJsonObject("error").getInt("code"));
            assertEquals("The server running this task stopped before it finished", t.getString("statusMessage"));
            assertEquals(t, danaA.call("tasks/get", TasksIT.task(id)), "failed for good");
        }
    }
}
