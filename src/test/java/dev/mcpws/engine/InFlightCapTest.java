package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code mcp.limits.max-in-flight} holds exactly when one connection's requests are admitted on many threads at once
 * (a legacy Streamable HTTP session: each POST on its own container thread). The work never starts here (the executor
 * keeps it), so every admitted request stays in flight and every refused one is answered -32001 on the spot.
 */
class InFlightCapTest {

    static final int CAP = 2;
    static final int THREADS = 16;

    /** Keeps what it is given; runs nothing. */
    static final class Parking extends dev.mcpws.testing.TestExecutor {
        final Queue<Runnable> parked = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable command) {
            parked.add(command);
        }
    }

    static final class Conn implements McpConnection {
        @Override
        public String id() {
            return "burst";
        }

        @Override
        public String transport() {
            return "test";
        }

        @Override
        public Principal principal() {
            return null;
        }

        @Override
        public void send(JsonRpcMessage message) {
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    static JsonObject modernParams() {
        return Json.createObjectBuilder().add("_meta", Json.createObjectBuilder()
                .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder())).build();
    }

    @Test
    void aBurstOnOneConnectionAdmitsExactlyTheCap() throws Exception {
        McpEngine engine = McpEngine.builder(new ServerInfo("unit", "1.0", null, null), new Parking())
                .features(List.of(new TestFeature())).settings(new EngineSettings(5000, "private", CAP, 0)).build();
        JsonObject params = modernParams();
        for (int round = 0; round < 300; round++) {
            McpSession session = engine.open(new Conn());
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            RequestChannel channel = new RequestChannel() {
                @Override
                public void respond(JsonRpcMessage response) {
                    if (response instanceof JsonRpcError e && e.code() == ErrorCodes.TOO_MANY_REQUESTS) {
                        refused.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }

                @Override
                public void notify(JsonRpcMessage message) {
                }

                @Override
                public void skip() {
                }
            };
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int id = i;
                Thread t = new Thread(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    engine.onMessage(session, new JsonRpcRequest(RequestId.of(id), "test/echo", params), channel);
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertEquals(0, other.get(), "round " + round + ": nothing else is answered (the work never runs)");
            assertEquals(THREADS - CAP, refused.get(), "round " + round + ": exactly " + CAP + " admitted");
            assertEquals(CAP, session.inFlightCount(), "round " + round);
            engine.onClose(session);
        }
    }
}
