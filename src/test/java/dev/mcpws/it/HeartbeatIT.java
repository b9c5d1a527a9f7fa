package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat: ping frames on an interval, dead peers closed with 4000, live peers kept, and a peer that sent
 * something since its last turn not pinged.
 */
@RunAsClient
class HeartbeatIT extends McpIT {

    static final long INTERVAL = 300;
    static final int MAX_MISSED = 2;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("mcp.heartbeat.interval-ms=" + INTERVAL + "\nmcp.heartbeat.max-missed=" + MAX_MISSED);
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosed() throws IOException {
        try (RawWsClient dead = RawWsClient.connect(wsUri(), 0)) {
            long start = System.nanoTime();
            RawWsClient.Frame first = dead.read();
            assertEquals(RawWsClient.PING, first.opcode(), "the server pings");
            assertEquals(8, first.payload().length, "the ping carries its send time");
            int code = dead.readUntilClose();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(4000, code, "heartbeat timeout close code");
            // closed after interval x (N + 1) at most, plus scheduling slack
            assertTrue(elapsedMs <= INTERVAL * (MAX_MISSED + 1) + 2000, "closed after " + elapsedMs + " ms");
        }
    }

    @Test
    void aPeerThatTalksIsNotPingedAndOnceSilentIsPingedAndClosed() throws IOException {
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            // a silent socket is pinged: what the traffic below must prevent
            assertEquals(RawWsClient.PING, c.read().opcode(), "the server pings a silent socket");
            // that ping stays unanswered; requests in a closed loop for (max-missed + 3) turns keep the socket
            int pinged = 0;
            int answers = 0;
            long end = System.nanoTime() + (MAX_MISSED + 3) * INTERVAL * 1_000_000;
            for (int id = 1; System.nanoTime() < end && id < 1_000_000; id++) {
                c.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
                RawWsClient.Frame f = c.read();
                for (; f.opcode() != RawWsClient.TEXT; f = c.read()) {
                    assertNotEquals(RawWsClient.CLOSE, f.opcode(), "closed while it talked: " + f.closeCode());
                    if (f.opcode() == RawWsClient.PING) {
                        pinged++;
                    }
                }
                answers++;
            }
            assertTrue(answers > 0);
            assertEquals(0, pinged, "no ping to a peer heard from at each turn");
            // silent again: pinged at its next turns, then closed with 4000 after max-missed pings in a row
            int pingsWhileSilent = 0;
            RawWsClient.Frame f = c.read();
            for (; f.opcode() == RawWsClient.PING; f = c.read()) {
                pingsWhileSilent++;
            }
            assertEquals(RawWsClient.CLOSE, f.opcode());
            assertEquals(4000, f.closeCode(), "heartbeat timeout close code");
            assertEquals(MAX_MISSED, pingsWhileSilent, "closed after max-missed unanswered pings");
        }
    }

    @Test
    void aPeerThatAnswersStaysConnectedAndRoundTripsAreMeasured() throws Exception {
        double rttBefore = metric("mcp_server_heartbeat_rtt_seconds_count");
        try (WsClient alive = legacy(LEGACY)) { // the JDK client answers pings by itself
            Thread.sleep(INTERVAL * (MAX_MISSED + 3));
            assertFalse(alive.isClosed(), "a peer that answers pings is kept");
            assertTrue(alive.call("ping", null).isEmpty());
        }
        assertTrue(metric("mcp_server_heartbeat_rtt_seconds_count") > rttBefore, "pong round trips are recorded");
    }
}
