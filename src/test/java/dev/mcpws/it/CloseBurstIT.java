package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Many clients close at the same moment while answers to them are on their way: the server answers every close and
 * goes on serving. Liberty handles a peer's close frame on one of its pool threads and, before it answers, waits for
 * the write in progress on that socket; an asynchronous write completes on a pool thread too, so a burst of such
 * closes could hold every pool thread waiting for completions that no thread was left to run (the server then
 * answered nothing at all, not even its metrics: seen in the soak and in the performance runs). Each client here
 * sends pings (answered at once, on the thread that read them) and its close frame in one TCP write, so the close
 * arrives while the answers are being written.
 */
@RunAsClient
class CloseBurstIT extends McpIT {

    /** Many more sockets than Liberty's pool has threads on a small machine (4-10 on 2 cores). */
    static final int SOCKETS = 64;
    static final int ROUNDS = 3;
    static final int PINGS = 4;
    /** Clients that stop reading, each with more answers on their way than the socket buffers of loopback hold. */
    static final int STUCK = 8;
    static final int STUCK_ANSWERS = 100;
    static final long SEND_TIMEOUT_MS = 2000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("close-burst", "mcp.websocket.send-timeout-ms=" + SEND_TIMEOUT_MS);
    }

    private static final String WS = "transport=\"websocket\"";

    @Test
    void aBurstOfClosesWithAnswersInFlightIsAnsweredAndTheServerGoesOn() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(SOCKETS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                double closedBefore = metric("mcp_server_connections_closed_total", WS, "close_code=\"1000\"");
                List<RawWsClient> sockets = new ArrayList<>();
                for (int i = 0; i < SOCKETS; i++) {
                    sockets.add(RawWsClient.connect(wsUri(), 0));
                }
                CyclicBarrier together = new CyclicBarrier(SOCKETS);
                List<Future<Integer>> closes = new ArrayList<>();
                for (RawWsClient s : sockets) {
                    closes.add(clients.submit(() -> {
                        try (s) {
                            byte[] burst = burst(s);
                            together.await(20, TimeUnit.SECONDS);
                            s.sendRaw(burst);
                            int answers = 0;
                            while (true) {
                                RawWsClient.Frame f = s.read(); // within the socket's read timeout (20 s)
                                if (f.opcode() == RawWsClient.TEXT) {
                                    answers++;
                                } else if (f.opcode() == RawWsClient.CLOSE) {
                                    return f.closeCode() == 1000 ? answers : -f.closeCode();
                                }
                            }
                        }
                    }));
                }
                int answered = 0;
                for (Future<Integer> close : closes) {
                    int answers = close.get(60, TimeUnit.SECONDS); // a wedged server never answers the close
                    assertTrue(answers >= 0, "round " + round + ": closed with " + -answers + ", not 1000");
                    answered += answers;
                }
                assertTrue(answered > 0, "round " + round + ": answers were written around the closes");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                double closed = metric("mcp_server_connections_closed_total", WS, "close_code=\"1000\"");
                while (closed < closedBefore + SOCKETS && System.nanoTime() < deadline) {
                    Thread.sleep(100); // polls /metrics: the counter has no push signal; bounded by the deadline
                    closed = metric("mcp_server_connections_closed_total", WS, "close_code=\"1000\"");
                }
                assertEquals(closedBefore + SOCKETS, closed, "round " + round + ": every socket counted as closed (1000)");
                try (WsClient c = connect("mcp")) {
                    assertTrue(c.request("ping", null).containsKey("result"), "round " + round + ": a new client is served");
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Clients that stop reading with more answers on their way than the socket buffers hold, and then send their close
     * frame. Before the send timeout each one held a container thread (the one that writes to it, or, with the
     * asynchronous send, the one that read its close frame and waited for that write: checked, 32 such clients, 32
     * threads in {@code WsocConnLink.waitToClose} and 32 connections still counted a minute later) and its connection
     * slot for as long as it kept its TCP connection open. Now each is closed (1013) once a write has not completed
     * within {@code mcp.websocket.send-timeout-ms}: the slots come back and a new client is served.
     */
    @Test
    void clientsThatStopReadingAreClosedAfterTheSendTimeout() throws Exception {
        String big = "x".repeat(60_000);
        double before = metric("mcp_server_connections_active", WS);
        double timedOut = metric("mcp_server_connections_closed_total", WS, "close_code=\"1013\"");
        List<RawWsClient> sockets = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(STUCK);
        try {
            for (int i = 0; i < STUCK; i++) {
                RawWsClient s = RawWsClient.connect(wsUri(), 2048);
                sockets.add(s);
                writers.submit(() -> {
                    for (int n = 1; n <= STUCK_ANSWERS; n++) {
                        s.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"tools/call\",\"params\":{"
                                + "\"name\":\"echo\",\"arguments\":{\"text\":\"" + big + "\"},\"_meta\":{"
                                + "\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
                                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
                    }
                    s.sendFrame(0x80 | RawWsClient.CLOSE, new byte[] {0x03, (byte) 0xe8});
                    return null; // the server may stop reading, or close, before all of it is sent: that is fine
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double active = metric("mcp_server_connections_active", WS);
            while (active > before && System.nanoTime() < deadline) {
                Thread.sleep(200); // polls /metrics: the gauge has no push signal; bounded by the deadline
                active = metric("mcp_server_connections_active", WS);
            }
            assertEquals(before, active, "every client that stopped reading is released while it keeps its TCP connection");
            assertEquals(timedOut + STUCK, metric("mcp_server_connections_closed_total", WS, "close_code=\"1013\""),
                    "each one closed for its send timeout (1013)");
            try (WsClient c = connect("mcp")) {
                assertTrue(c.request("ping", null).containsKey("result"), "a new client is served");
            }
        } finally {
            writers.shutdownNow();
            for (RawWsClient s : sockets) {
                s.close();
            }
        }
    }

    /** {@link #PINGS} pings (2026-07-28) and a close frame (1000), as the bytes of one write. */
    private static byte[] burst(RawWsClient s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i <= PINGS; i++) {
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\",\"params\":{\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            bytes.writeBytes(s.frame(0x80 | RawWsClient.TEXT, ping.getBytes(StandardCharsets.UTF_8), true));
        }
        bytes.writeBytes(s.frame(0x80 | RawWsClient.CLOSE, new byte[] {0x03, (byte) 0xe8}, true));
        return bytes.toByteArray();
    }
}
