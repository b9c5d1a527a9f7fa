package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The heartbeat: ping frames on an interval, dead peers closed with 4000, live peers kept. */
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
