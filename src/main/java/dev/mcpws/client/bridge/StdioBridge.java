package dev.mcpws.client.bridge;

import dev.mcpws.client.ClientMessage;
import dev.mcpws.client.ReconnectingWebSocket;
import dev.mcpws.client.ReplayGuard;
import dev.mcpws.client.ReplayPolicy;
import dev.mcpws.client.WebSocketSettings;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Lets an MCP host that only speaks stdio use a WebSocket MCP server: newline-delimited JSON-RPC on stdin goes to the
 * server, every message of the server comes out on stdout, one per line; logs go to stderr. Exits 0 when stdin closes.
 *
 * <p>It survives a lost connection like {@code McpClient}: it reconnects with backoff and, on the new socket, first
 * replays the host's {@code initialize} and {@code notifications/initialized} (swallowing that second initialize
 * result), its last {@code logging/setLevel} and its {@code resources/subscribe}s, so the host never notices. Requests
 * in flight during the drop are re-sent when {@link ReplayPolicy#SAFE} allows, decided by the client's own
 * {@link ReplayGuard} (tool annotations are learnt from the {@code tools/list} results passing through); the others are
 * answered with error {@value ErrorCodes#CONNECTION_LOST}.
 * When it gives up (only after a "do not retry" close: by default it retries forever) every open request gets
 * {@value ErrorCodes#SERVER_UNREACHABLE} and it exits 1.
 */
public final class StdioBridge implements ReconnectingWebSocket.Events {

    private static final Logger LOG = Logger.getLogger(StdioBridge.class.getName());
    private static final String OWN_ID = "mcp-ws-bridge-";

    private final PrintStream out;
    private final ReconnectingWebSocket socket;
    private final Object lock = new Object();
    private final AtomicLong ownIds = new AtomicLong();
    /** The client's replay decision, with the tool annotations learnt from the host's {@code tools/list} results. */
    private final ReplayGuard replayGuard = new ReplayGuard(ReplayPolicy.SAFE);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode;

    // guarded by lock
    private final Map<RequestId, JsonRpcRequest> inFlight = new LinkedHashMap<>();
    private final List<JsonRpcMessage> queued = new ArrayList<>();
    private final HostSession session = new HostSession();
    private final Set<RequestId> replayIds = new LinkedHashSet<>();
    private boolean open;

    StdioBridge(WebSocketSettings settings, PrintStream out) {
        this.out = out;
        this.socket = new ReconnectingWebSocket(settings, this);
    }

    public static void main(String[] args) {
        BridgeOptions options;
        try {
            options = BridgeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BridgeOptions.USAGE);
            System.exit(2);
            return;
        }
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but protocol messages on stdout, whatever a library prints
        int code = new StdioBridge(options.settings(), stdout).run(System.in);
        System.exit(code);
    }

    /** Pumps stdin to the server until it closes; returns the exit code. */
    int run(InputStream in) {
        try {
            socket.start(true);
        } catch (IOException e) {
            ClientMessage.BRIDGE_CONNECT_FAILED.log(LOG, null, e.getMessage());
            return 1;
        }
        Thread reader = new Thread(() -> pump(in), "mcp-ws-bridge-stdin");
        reader.setDaemon(true);
        reader.start();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        out.flush();
        return exitCode;
    }

    private void pump(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    fromHost(JsonRpcCodec.decode(line));
                }
            }
        } catch (IOException e) {
            ClientMessage.BRIDGE_STDIN_FAILED.log(LOG, null, e.getMessage());
        }
        ClientMessage.BRIDGE_STDIN_CLOSED.log(LOG, null);
        finished.countDown();
    }

    // ------------------------------------------------------------------ host -> server

    void fromHost(JsonRpcMessage m) {
        if (m instanceof InvalidMessage bad) {
            write(new JsonRpcError(bad.id(), bad.code(), bad.reason()));
            return;
        }
        if (m instanceof JsonRpcBatch batch) {
            batch.messages().forEach(this::fromHost);
            return;
        }
        boolean sendNow;
        synchronized (lock) {
            remember(m);
            if (m instanceof JsonRpcRequest r) {
                inFlight.put(r.id(), r);
            }
            sendNow = open;
            if (!sendNow) {
                if (m instanceof JsonRpcRequest || isSessionNotification(m)) {
                    queued.add(m); // sent when the connection is back (nothing else would make sense then)
                }
                return;
            }
        }
        if (!socket.send(m)) {
            synchronized (lock) {
                if (m instanceof JsonRpcRequest) {
                    queued.add(m);
                }
            }
        }
    }

    /** Notes what the bridge must replay on a new socket so the host's session goes on; forgets cancelled requests. */
    private void remember(JsonRpcMessage m) {
        session.remember(m);
        if (m instanceof JsonRpcNotification n && "notifications/cancelled".equals(n.method())) {
            RequestId id = Json2.idOrNull(n.params().get("requestId"));
            if (id != null) {
                JsonRpcRequest cancelled = inFlight.remove(id);
                if (cancelled != null) {
                    queued.remove(cancelled);
                }
            }
        }
    }

    private static boolean isSessionNotification(JsonRpcMessage m) {
        return m instanceof JsonRpcNotification n && "notifications/initialized".equals(n.method());
    }

    // ------------------------------------------------------------------ server -> host

    @Override
    public void message(JsonRpcMessage m) {
        if (m instanceof JsonRpcResponse r) {
            RequestId id = r.id();
            if (id != null && id.isString() && ((String) id.value()).startsWith(OWN_ID)) {
                replayAnswered(r);
                return; // the replayed initialize / setLevel / subscribe: the host had its answer long ago
            }
            JsonRpcRequest request;
            synchronized (lock) {
                request = id == null ? null : inFlight.remove(id);
            }
            if (request != null && "tools/list".equals(request.method()) && r instanceof JsonRpcResult result) {
                replayGuard.learnTools(result.result());
            }
        }
        write(m);
    }

    private void write(JsonRpcMessage m) {
        String line = JsonRpcCodec.encode(m);
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }

    // ------------------------------------------------------------------ the connection

    @Override
    public void opened(boolean reconnect) {
        JsonRpcRequest init;
        synchronized (lock) {
            // the host's own initialize still unanswered is simply re-sent with the queue
            JsonRpcRequest hosts = session.initialize();
            init = reconnect && hosts != null && !inFlight.containsKey(hosts.id()) ? hosts : null;
            replayIds.clear();
        }
        if (init == null) {
            flush();
            return;
        }
        ClientMessage.BRIDGE_REPLAYING_INITIALIZE.log(LOG, null);
        RequestId id = ownId();
        synchronized (lock) {
            replayIds.add(id);
        }
        socket.send(new JsonRpcRequest(id, init.method(), init.params()));
        // the rest waits for the initialize result (replayAnswered)
    }

    private void replayAnswered(JsonRpcResponse r) {
        boolean wasInitialize;
        List<JsonRpcRequest> replay = new ArrayList<>();
        boolean sendInitialized;
        synchronized (lock) {
            wasInitialize = replayIds.remove(r.id()) && replayIds.isEmpty() && !open;
            sendInitialized = session.initialized();
            if (wasInitialize) {
                replay.addAll(session.afterInitialize(this::ownId));
            }
        }
        if (r instanceof JsonRpcError e) {
            ClientMessage.BRIDGE_REPLAY_REFUSED.log(LOG, null, e.code(), e.message());
        }
        if (!wasInitialize) {
            return;
        }
        if (sendInitialized) {
            socket.send(new JsonRpcNotification("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT));
        }
        replay.forEach(socket::send);
        flush();
    }

    /** Sends what waited for the connection; from now on host messages go straight through. */
    private void flush() {
        List<JsonRpcMessage> send;
        synchronized (lock) {
            open = true;
            send = new ArrayList<>(queued);
            queued.clear();
        }
        for (JsonRpcMessage m : send) {
            if (!socket.send(m)) {
                synchronized (lock) {
                    queued.add(m);
                }
            }
        }
    }

    @Override
    public void dropped(int code, String reason, boolean willRetry) {
        List<JsonRpcRequest> lost = new ArrayList<>();
        synchronized (lock) {
            open = false;
            for (JsonRpcRequest r : new ArrayList<>(inFlight.values())) {
                if (queued.contains(r)) {
                    continue; // never sent
                }
                if (safe(r)) {
                    queued.add(r);
                } else {
                    inFlight.remove(r.id());
                    lost.add(r);
                }
            }
        }
        for (JsonRpcRequest r : lost) {
            write(new JsonRpcError(r.id(), ErrorCodes.CONNECTION_LOST, "Connection to the MCP server lost while "
                    + r.method() + " was in flight; its outcome is unknown",
                    Json2.object().add("method", r.method()).add("closeCode", code).build()));
        }
    }

    private boolean safe(JsonRpcRequest r) {
        // the host's own initialize, not answered yet, is its handshake: the bridge's new socket needs it too
        return "initialize".equals(r.method()) || replayGuard.mayReplay(r.method(), r.params());
    }

    @Override
    public void gaveUp(Throwable cause) {
        List<JsonRpcRequest> open;
        synchronized (lock) {
            open = new ArrayList<>(inFlight.values());
            inFlight.clear();
            queued.clear();
        }
        for (JsonRpcRequest r : open) {
            write(new JsonRpcError(r.id(), ErrorCodes.SERVER_UNREACHABLE,
                    "The MCP server is unreachable: " + cause.getMessage()));
        }
        exitCode = 1;
        finished.countDown();
    }

    private RequestId ownId() {
        return RequestId.of(OWN_ID + ownIds.incrementAndGet());
    }
}
