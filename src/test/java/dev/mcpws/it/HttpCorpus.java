package dev.mcpws.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP half of the malformed-input corpus: Streamable HTTP requests and WebSocket upgrade requests as data
 * ({@code src/test/resources/corpus/http.json}, {@code upgrade.json}), each sent on its own plain socket
 * ({@link RawHttp}) as the case spells it. A case:
 * <pre>
 * { "name": "a body that is not JSON: 400 + -32700",       unique, for the report
 *   "method": "POST",                                        default POST
 *   "target": "{path}",                                      default {path} (the MCP endpoint of the app)
 *   "upgrade": false,                                        true: a WebSocket upgrade (Upgrade, Connection: Upgrade,
 *                                                            Sec-WebSocket-Key, Sec-WebSocket-Version: 13)
 *   "omit": ["Content-Type"],                                default headers to leave out
 *   "headers": ["MCP-Protocol-Version: 2026-07-28"],         more header lines, after the defaults
 *   "body": "{",                                             the body (UTF-8); Content-Length is added unless
 *   "repeat": 70000,                                         omitted, or given in "headers"; body × repeat
 *   "expect": { "status": 400,                               the response status
 *               "error": -32700,                             the JSON-RPC error code of the body
 *               "result": true,                              the body is a JSON-RPC result
 *               "headers": { "Allow": "POST" },              these response headers contain these values
 *               "noHeaders": ["Sec-WebSocket-Protocol"] } }   these response headers are absent
 * </pre>
 * Placeholders: {@code {host}} (the server's host:port), {@code {path}} (the endpoint), {@code {sid}} (a live legacy
 * session, made for the case), {@code {meta}} (the 2026-07-28 {@code _meta} members). Defaults: {@code Host},
 * {@code Connection: close}, and for a body {@code Content-Type: application/json},
 * {@code Accept: application/json, text/event-stream}. After each case a 2026-07-28 {@code server/discover} on a new
 * socket must be answered: the server still serves. More cases are more data: no code changes.
 */
public final class HttpCorpus {

    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private HttpCorpus() {
    }

    /** Runs one case against {@code http://host:port/path}; null when it behaved as written, else what differed. */
    public static String run(Corpus.Case c, String host, int port, String path) {
        Supplier<String> session = () -> legacySession(host, port, path);
        JsonObject json = c.json();
        String typo = unknownKeys(json);
        if (typo != null) {
            return typo;
        }
        try {
            String request = request(json, host + ":" + port, path, session);
            RawHttp.Response r = RawHttp.exchange(host, port, request);
            String failure = check(json.getJsonObject("expect"), r);
            if (failure != null) {
                return failure + "; got " + r.head().replace("\r\n", " | ") + " || " + abbreviate(r.body());
            }
            RawHttp.Response healthy = RawHttp.exchange(host, port, discover(host + ":" + port, path));
            if (healthy.status() != 200 || !healthy.body().contains("\"supportedVersions\"")) {
                return "not served afterwards: " + healthy.status() + " " + abbreviate(healthy.body());
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /** Initializes a legacy (2025-11-25) session over HTTP; its {@code Mcp-Session-Id}. */
    static String legacySession(String host, int port, String path) {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"corpus\",\"version\":\"1\"}}}";
        try {
            RawHttp.Response r = RawHttp.exchange(host, port, RawHttp.post(path, host + ":" + port, "", init));
            String sid = r.header("Mcp-Session-Id");
            if (r.status() != 200 || sid == null) {
                throw new IllegalStateException("initialize over HTTP failed: " + r.status() + " " + r.head());
            }
            return sid;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String discover(String hostHeader, String path) {
        return RawHttp.post(path, hostHeader, SecureDefaultsIT.MODERN_HEADERS, SecureDefaultsIT.DISCOVER);
    }

    private static String request(JsonObject json, String hostHeader, String path, Supplier<String> session) {
        String method = json.getString("method", "POST");
        boolean upgrade = json.getBoolean("upgrade", false);
        String body = json.containsKey("body") ? json.getString("body") : null;
        if (body != null) {
            body = body.repeat(json.getInt("repeat", 1));
        }
        List<String> omit = new ArrayList<>();
        if (json.containsKey("omit")) {
            json.getJsonArray("omit").getValuesAs(JsonString.class).forEach(s -> omit.add(lower(s.getString())));
        }
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", hostHeader});
        if (upgrade) {
            headers.add(new String[] {"Upgrade", "websocket"});
            headers.add(new String[] {"Connection", "Upgrade"});
            headers.add(new String[] {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="});
            headers.add(new String[] {"Sec-WebSocket-Version", "13"});
        } else {
            headers.add(new String[] {"Connection", "close"});
        }
        if (body != null) {
            headers.add(new String[] {"Content-Type", "application/json"});
            headers.add(new String[] {"Accept", "application/json, text/event-stream"});
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(json.getString("target", "{path}")).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            if (!omit.contains(lower(h[0]))) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
        }
        boolean lengthGiven = false;
        if (json.containsKey("headers")) {
            for (JsonValue v : json.getJsonArray("headers")) {
                String line = ((JsonString) v).getString();
                lengthGiven |= lower(line).startsWith("content-length:") || lower(line).startsWith("transfer-encoding:");
                head.append(line).append("\r\n");
            }
        }
        String text = head.toString().replace("{host}", hostHeader).replace("{path}", path);
        String b = body == null ? "" : body.replace("{meta}", META);
        if (text.contains("{sid}") || b.contains("{sid}")) {
            String sid = session.get();
            text = text.replace("{sid}", sid);
            b = b.replace("{sid}", sid);
        }
        if (body != null && !lengthGiven && !omit.contains("content-length")) {
            text += "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n";
        }
        // RawHttp writes ISO-8859-1: encode the UTF-8 body into it byte for byte
        return text + "\r\n" + new String(b.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String check(JsonObject expect, RawHttp.Response r) {
        if (r.status() != expect.getInt("status")) {
            return "expected status " + expect.getInt("status");
        }
        if (expect.containsKey("headers")) {
            for (Map.Entry<String, JsonValue> h : expect.getJsonObject("headers").entrySet()) {
                String value = r.header(h.getKey());
                String wanted = ((JsonString) h.getValue()).getString();
                if (value == null || !lower(value).contains(lower(wanted))) {
                    return "expected header " + h.getKey() + " containing '" + wanted + "'";
                }
            }
        }
        if (expect.containsKey("noHeaders")) {
            for (JsonString h : expect.getJsonArray("noHeaders").getValuesAs(JsonString.class)) {
                if (r.header(h.getString()) != null) {
                    return "expected no header " + h.getString();
                }
            }
        }
        boolean wantsError = expect.containsKey("error");
        boolean wantsResult = expect.getBoolean("result", false);
        if (wantsError || wantsResult) {
            JsonObject message;
            try {
                message = Json.createReader(new StringReader(jsonOf(r.body()))).readObject();
            } catch (RuntimeException e) {
                return "expected a JSON-RPC body";
            }
            if (wantsError && (!(message.get("error") instanceof JsonObject error)
                    || error.getInt("code") != expect.getInt("error"))) {
                return "expected error " + expect.getInt("error");
            }
            if (wantsResult && !(message.get("result") instanceof JsonObject)) {
                return "expected a result";
            }
        }
        return null;
    }

    /** The JSON of a body: itself, or the data of an SSE stream's last event. */
    private static String jsonOf(String body) {
        if (!body.startsWith("event:") && !body.startsWith("data:") && !body.startsWith("id:")) {
            return body;
        }
        String last = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                last = line.substring(5).trim();
            }
        }
        return last == null ? body : last;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The members a case may have: any other is a typo that would silently test less. */
    private static final List<String> KEYS = List.of("name", "method", "target", "upgrade", "omit", "headers", "body",
            "repeat", "expect");
    private static final List<String> EXPECT_KEYS = List.of("status", "error", "result", "headers", "noHeaders");

    private static String unknownKeys(JsonObject json) {
        List<String> unknown = new ArrayList<>(json.keySet());
        unknown.removeAll(KEYS);
        List<String> unknownExpect = new ArrayList<>(json.getJsonObject("expect").keySet());
        unknownExpect.removeAll(EXPECT_KEYS);
        unknown.addAll(unknownExpect);
        return unknown.isEmpty() ? null : "unknown members " + unknown;
    }
}
