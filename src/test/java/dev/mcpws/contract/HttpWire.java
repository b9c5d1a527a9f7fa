package dev.mcpws.contract;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Streamable HTTP binding with the JDK HttpClient. Every request is a POST accepting JSON and SSE; its answer
 * (a JSON body, or an SSE stream of notifications, server requests and the response) is read on a thread of its own
 * into the inbox. Legacy: {@code initialize} yields the {@code Mcp-Session-Id} that every later POST carries, with
 * {@code MCP-Protocol-Version}, and {@code notifications/initialized} is followed by the session's GET stream for
 * server-initiated messages; closing ends the session with DELETE. Modern: stateless POSTs with the
 * {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers; cancelling aborts the POST's stream.
 */
public final class HttpWire implements Wire {

    private static final Set<String> NAMED = Set.of("tools/call", "prompts/get", "resources/read");
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "contract-http-reader");
        t.setDaemon(true);
        return t;
    });
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(READERS).build();

    private final URI endpoint;
    private final Inbox inbox = new Inbox();
    private final Map<JsonValue, InputStream> open = new ConcurrentHashMap<>();
    private final Set<JsonValue> cancelled = ConcurrentHashMap.newKeySet();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private volatile String sessionId;
    private volatile String legacyVersion;
    private volatile InputStream getStream;

    public HttpWire(URI endpoint) {
        this.endpoint = endpoint;
        inbox.diagnostics(() -> "; HTTP: " + statuses);
    }

    /** The session id of a legacy client (null before initialize and for modern clients). */
    public String sessionId() {
        return sessionId;
    }

    /** The HTTP statuses seen, as {@code "<method> <id>: <status> <content type>"}. */
    public List<String> statuses() {
        return List.copyOf(statuses);
    }

    @Override
    public void send(JsonObject message, boolean modern) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        String method = message.getString("method", null);
        boolean request = method != null && message.containsKey("id");
        JsonObject params = message.get("params") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        if (modern && sessionId == null) {
            JsonObject meta = params.get("_meta") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
            b.header("MCP-Protocol-Version", meta.get(McpTestClient.PROTOCOL_VERSION) instanceof JsonString v
                    ? v.getString() : Era.MODERN_VERSION);
            if (method != null) {
                b.header("Mcp-Method", method);
            }
            if (request && NAMED.contains(method)) {
                JsonValue name = params.get("resources/read".equals(method) ? "uri" : "name");
                if (name instanceof JsonString s) {
                    b.header("Mcp-Name", s.getString());
                }
            }
        } else if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
            if (legacyVersion != null) {
                b.header("MCP-Protocol-Version", legacyVersion);
            }
        }
        if (!request || "initialize".equals(method)) {
            // notifications, responses and the handshake: in order, each accepted before the next message goes
            HttpResponse<InputStream> r = sendNow(b.build());
            read(r, message.get("id"), method);
            if ("initialize".equals(method)) {
                sessionId = r.headers().firstValue("Mcp-Session-Id").orElse(null);
                inbox.all().stream().filter(m -> message.get("id").equals(m.get("id")) && m.containsKey("result"))
                        .findFirst().ifPresent(m -> legacyVersion = m.getJsonObject("result").getString("protocolVersion", null));
            }
            if ("notifications/initialized".equals(method) && sessionId != null) {
                openGetStream();
            }
            return;
        }
        JsonValue id = message.get("id");
        HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenAcceptAsync(r -> read(r, id, method), READERS)
                .exceptionally(t -> {
                    statuses.add(method + " " + id + ": " + t);
                    return null;
                });
    }

    @Override
    public void sendBatch(jakarta.json.JsonArray batch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString()));
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", legacyVersion);
        }
        HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenAcceptAsync(r -> read(r, null, "batch"), READERS);
    }

    private HttpResponse<InputStream> sendNow(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void openGetStream() {
        HttpResponse<InputStream> r = sendNow(HttpRequest.newBuilder(endpoint).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", sessionId)
                .header("MCP-Protocol-Version", legacyVersion).build());
        statuses.add("GET: " + r.statusCode());
        if (r.statusCode() != 200) {
            throw new AssertionError("the session's GET stream was refused: " + r.statusCode());
        }
        getStream = r.body();
        READERS.execute(() -> readSse(r.body()));
    }

    /** Reads one POST's answer: a JSON body or an SSE stream; both go message by message into the inbox. */
    private void read(HttpResponse<InputStream> r, JsonValue id, String method) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        statuses.add(method + " " + id + ": " + r.statusCode() + " " + type);
        if (id != null) {
            open.put(id, r.body());
            if (cancelled.remove(id)) {
                closeQuietly(r.body()); // cancelled before its answer began
            }
        }
        try {
            if (type.startsWith("text/event-stream")) {
                readSse(r.body());
            } else {
                String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
                if (!body.isBlank()) {
                    add(body);
                }
            }
        } catch (IOException e) {
            // aborted by a cancel or by close()
        } finally {
            if (id != null) {
                open.remove(id);
            }
            closeQuietly(r.body());
        }
    }

    private void readSse(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty() && data.length() > 0) {
                    add(data.toString());
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            // the stream was closed (cancel, close, session end)
        }
    }

    private void add(String json) {
        JsonValue v = Json.createReader(new StringReader(json)).readValue();
        inbox.add(v instanceof JsonObject o ? o : Json.createObjectBuilder().add("batch", v).build());
    }

    @Override
    public void cancel(JsonValue id, boolean modern) {
        if (modern || sessionId == null) {
            // Streamable HTTP cancels a request by closing its response stream
            InputStream in = open.get(id);
            if (in != null) {
                closeQuietly(in);
            } else {
                cancelled.add(id); // its answer has not begun: close it when it does
            }
            return;
        }
        send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/cancelled")
                .add("params", Json.createObjectBuilder().add("requestId", id).add("reason", "test cancel")).build(), false);
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void close() {
        open.values().forEach(HttpWire::closeQuietly);
        if (getStream != null) {
            closeQuietly(getStream);
        }
        if (sessionId != null) {
            try {
                HTTP.send(HttpRequest.newBuilder(endpoint).DELETE().header("Mcp-Session-Id", sessionId)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the server is gone: nothing to end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
