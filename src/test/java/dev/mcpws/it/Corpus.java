package dev.mcpws.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The malformed-input corpus: cases as data in {@code src/test/resources/corpus/*.json}, each file a JSON array of
 * cases, run over a raw WebSocket ({@link RawWsClient}) against the real server. A case:
 * <pre>
 * { "name": "close code 999",                              unique, for the report
 *   "steps": [                                             in order:
 *     { "text": "{\"jsonrpc\":\"2.0\",...}" },              one text frame with this text (UTF-8)
 *     { "fragments": ["{\"jsonrpc\"", ":\"2.0\"..."] },     one text message in these fragments
 *     { "frame": { "first": "0x88", "hex": "03e7", "times": 1, "masked": true } },   one frame (payload = hex × times)
 *     { "expect": { "id": 1, "error": { "code": -32602 } } },   the next text message contains these members
 *     { "expectExact": { "jsonrpc": "2.0", "id": 1, "result": {} } },   the next text message is exactly this JSON
 *     { "expectClose": 1002 } ],                           the next frame is a close with this code
 *   "then": "same" }                                       then a ping must be answered on the same socket
 *                                                          ("same", the default without expectClose) or a new one
 * </pre>
 * Pings from the server's heartbeat are answered on the way. More cases are more data: no code changes.
 */
public final class Corpus {

    /** One case and its source file. */
    public record Case(String file, JsonObject json) {
        public String name() {
            return file + ": " + json.getString("name");
        }
    }

    private Corpus() {
    }

    /** Every case of the given resource files (under {@code corpus/}). */
    public static List<Case> load(String... files) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream("corpus/" + f)) {
                if (in == null) {
                    throw new IOException("no corpus file " + f);
                }
                JsonArray all = Json.createReader(in).readArray();
                for (JsonValue v : all) {
                    cases.add(new Case(f, v.asJsonObject()));
                }
            }
        }
        return cases;
    }

    /** Runs one case; returns null when it behaved as written, else what differed (non-ASCII as escapes). */
    public static String run(Case c, URI ws) {
        String failure = runCase(c, ws);
        if (failure == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(failure.length());
        failure.chars().forEach(ch -> b.append(ch < 0x7f ? String.valueOf((char) ch) : String.format("\\u%04x", ch)));
        return b.toString();
    }

    private static String runCase(Case c, URI ws) {
        JsonObject json = c.json();
        boolean closed = false;
        try (RawWsClient client = RawWsClient.connect(ws, 0)) {
            int i = 0;
            for (JsonValue v : json.getJsonArray("steps")) {
                JsonObject step = v.asJsonObject();
                i++;
                String failure = step(client, step);
                if (failure != null) {
                    return "step " + i + ": " + failure;
                }
                closed |= step.containsKey("expectClose");
            }
            String then = json.getString("then", closed ? "new" : "same");
            if ("same".equals(then)) {
                return stillServes(client, "on the same socket");
            }
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
        try (RawWsClient fresh = RawWsClient.connect(ws, 0)) {
            return stillServes(fresh, "on a new socket");
        } catch (IOException e) {
            return "a new socket: " + e;
        }
    }

    private static String step(RawWsClient client, JsonObject step) throws IOException {
        if (step.containsKey("text")) {
            client.sendText(step.getString("text"));
        } else if (step.containsKey("fragments")) {
            JsonArray parts = step.getJsonArray("fragments");
            for (int k = 0; k < parts.size(); k++) {
                int opcode = k == 0 ? RawWsClient.TEXT : RawWsClient.CONTINUATION;
                int fin = k == parts.size() - 1 ? 0x80 : 0;
                client.sendRaw(client.frame(fin | opcode, parts.getString(k).getBytes(StandardCharsets.UTF_8), true));
            }
        } else if (step.containsKey("frame")) {
            JsonObject f = step.getJsonObject("frame");
            byte[] unit = HexFormat.of().parseHex(f.getString("hex", ""));
            int times = f.getInt("times", 1);
            byte[] payload = new byte[unit.length * times];
            for (int k = 0; k < times; k++) {
                System.arraycopy(unit, 0, payload, k * unit.length, unit.length);
            }
            client.sendRaw(client.frame(Integer.decode(f.getString("first")), payload, f.getBoolean("masked", true)));
        } else if (step.containsKey("expect") || step.containsKey("expectExact")) {
            boolean exact = step.containsKey("expectExact");
            JsonValue expected = exact ? step.get("expectExact") : step.get("expect");
            RawWsClient.Frame got = client.readAnswering();
            if (got.opcode() != RawWsClient.TEXT) {
                return "expected a message, got a close " + got.closeCode() + " " + reason(got);
            }
            JsonValue actual = Json.createReader(new StringReader(got.text())).readValue();
            if (exact ? !expected.equals(actual) : !contains(actual, expected)) {
                return "expected " + (exact ? "exactly " : "a message containing ") + expected + ", got " + got.text();
            }
        } else if (step.containsKey("expectClose")) {
            RawWsClient.Frame got = readClose(client);
            int code = got == null ? -1 : got.closeCode();
            if (code != step.getInt("expectClose")) {
                return "expected close " + step.getInt("expectClose") + ", got "
                        + (got == null ? "the socket ended without a close frame" : code + " " + reason(got));
            }
        } else {
            throw new IllegalArgumentException("unknown step " + step);
        }
        return null;
    }

    private static RawWsClient.Frame readClose(RawWsClient client) throws IOException {
        try {
            while (true) {
                RawWsClient.Frame f = client.readAnswering();
                if (f.opcode() == RawWsClient.CLOSE) {
                    return f;
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return null;
        }
    }

    private static String reason(RawWsClient.Frame close) {
        byte[] p = close.payload();
        return p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "";
    }

    /** A ping request is answered. */
    private static String stillServes(RawWsClient client, String where) throws IOException {
        client.sendText("{\"jsonrpc\":\"2.0\",\"id\":\"corpus-check\",\"method\":\"ping\"}");
        RawWsClient.Frame got = client.readAnswering();
        for (int skipped = 0; skipped < 100 && got.opcode() == RawWsClient.TEXT && isNotification(got.text()); skipped++) {
            got = client.readAnswering(); // e.g. a progress notification of a request the case did not wait for
        }
        JsonObject expected = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "corpus-check")
                .add("result", JsonValue.EMPTY_JSON_OBJECT).build();
        if (got.opcode() != RawWsClient.TEXT || !expected.equals(Json.createReader(new StringReader(got.text())).readValue())) {
            return "not served " + where + " afterwards: " + (got.opcode() == RawWsClient.CLOSE
                    ? "close " + got.closeCode() + " " + reason(got) : got.text());
        }
        return null;
    }

    private static boolean isNotification(String text) {
        JsonValue v = Json.createReader(new StringReader(text)).readValue();
        return v instanceof JsonObject o && o.containsKey("method") && !o.containsKey("id");
    }

    /** True when {@code actual} has every member of {@code expected} (objects recursively), else equal values. */
    static boolean contains(JsonValue actual, JsonValue expected) {
        if (expected instanceof JsonObject e) {
            if (!(actual instanceof JsonObject a)) {
                return false;
            }
            for (Map.Entry<String, JsonValue> m : e.entrySet()) {
                if (!a.containsKey(m.getKey()) || !contains(a.get(m.getKey()), m.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            return e.bigDecimalValue().compareTo(a.bigDecimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
