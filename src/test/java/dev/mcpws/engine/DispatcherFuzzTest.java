package dev.mcpws.engine;

import static dev.mcpws.testing.Fuzz.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.contract.InMemoryFeatures;
import dev.mcpws.example.Calculator;
import dev.mcpws.example.CodeReview;
import dev.mcpws.example.EchoTool;
import dev.mcpws.example.Guide;
import dev.mcpws.example.WorldClock;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.testing.Fuzz;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the engine with the real features and the example beans: a seeded random conversation ({@link Fuzz}) of
 * plausible and hostile requests, notifications, stray responses and garbage, in either era. Whatever it says, every
 * request gets exactly one answer (none only when the client cancelled it), nothing is answered that was not asked,
 * no answer is -32603 (an internal error means a bug or an unmapped exception), and nothing stays in flight.
 */
class DispatcherFuzzTest {

    static final List<String> METHODS = List.of("tools/list", "tools/call", "resources/list", "resources/read",
            "resources/templates/list", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
            "ping", "server/discover", "initialize", "resources/subscribe", "resources/unsubscribe", "nope/none");
    static final List<String> VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28",
            "1999-01-01", "");

    @Test
    void everyRequestGetsExactlyOneAnswerAndNothingLeaks() {
        Fuzz.cases(r -> {
            EngineHarness h = new EngineHarness(new InMemoryFeatures(1 + r.nextInt(5), EchoTool.class, Calculator.class,
                    WorldClock.class, CodeReview.class, Guide.class).features);
            try {
                conversation(r, h);
            } finally {
                h.close();
            }
        });
    }

    private static void conversation(Random r, EngineHarness h) {
        boolean modern = r.nextBoolean();
        Set<String> asked = new HashSet<>();
        if (!modern && r.nextInt(5) > 0) {
            asked.add("init");
            h.send(request("init", "initialize", JSON.createObjectBuilder()
                    .add("protocolVersion", VERSIONS.get(r.nextInt(VERSIONS.size())))
                    .add("capabilities", r.nextBoolean() ? JsonValue.EMPTY_JSON_OBJECT : Fuzz.object(r, 1))
                    .add("clientInfo", JSON.createObjectBuilder().add("name", "fuzz").add("version", "1")).build()));
            h.send(JSON.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/initialized").build());
        }
        Set<String> cancelled = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (int n = 1 + r.nextInt(25), i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            if (kind < 12) {
                String id = "q" + i + (r.nextInt(4) == 0 ? Fuzz.validString(r, 3) : "");
                ids.add(id);
                asked.add(id);
                String method = r.nextInt(10) == 0 ? Fuzz.validString(r, 12) : METHODS.get(r.nextInt(METHODS.size()));
                h.send(request(id, method.isEmpty() ? "x" : method, params(r, method, modern)));
            } else if (kind < 14 && !ids.isEmpty()) {
                String target = ids.get(r.nextInt(ids.size()));
                cancelled.add(target);
                h.send(JSON.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/cancelled")
                        .add("params", JSON.createObjectBuilder().add("requestId", target)).build());
            } else if (kind < 16) {
                h.send(JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", "stray" + i)
                        .add("result", Fuzz.object(r, 1)).build());
            } else if (kind < 18) {
                h.send(JSON.createObjectBuilder().add("jsonrpc", "2.0")
                        .add("method", r.nextBoolean() ? "notifications/" + Fuzz.validString(r, 6) : "notifications/initialized")
                        .add("params", Fuzz.object(r, 2)).build());
            } else {
                h.sendText(Fuzz.anyString(r, 60) + (r.nextBoolean() ? "{" : ""));
            }
        }
        // requests may still wait for the connection's share of the pool: let them all reach it, then wait for the pool
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EngineHarness.TIMEOUT_MS);
        while (h.session.inFlightCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        h.awaitIdle();

        Map<String, Integer> answers = new HashMap<>();
        for (String text : h.connection.sent()) {
            JsonValue v = parse(text);
            for (JsonValue item : v instanceof jakarta.json.JsonArray a ? a : List.of(v)) {
                JsonObject o = item.asJsonObject();
                if (!o.containsKey("result") && !o.containsKey("error")) {
                    continue; // a notification or a server request
                }
                if (o.containsKey("error")) {
                    assertTrue(o.getJsonObject("error").getInt("code") != ErrorCodes.INTERNAL_ERROR,
                            "no internal errors: " + Fuzz.escaped(text));
                }
                JsonValue id = o.get("id");
                if (id != null && id.getValueType() == JsonValue.ValueType.STRING) {
                    answers.merge(((jakarta.json.JsonString) id).getString(), 1, Integer::sum);
                } else {
                    assertTrue(id == null || id.getValueType() == JsonValue.ValueType.NULL,
                            "only string ids were sent: " + Fuzz.escaped(text));
                }
            }
        }
        for (String id : asked) {
            int count = answers.getOrDefault(id, 0);
            if (cancelled.contains(id)) {
                assertTrue(count <= 1, id + " answered " + count + " times");
            } else {
                assertEquals(1, count, () -> Fuzz.escaped(id) + " answered " + count + " times; sent: "
                        + Fuzz.escaped(String.join("\n", h.connection.sent())));
            }
        }
        Set<String> unasked = new HashSet<>(answers.keySet());
        unasked.removeAll(asked);
        assertEquals(Set.of(), unasked, "answers to requests never made");
        assertEquals(0, h.session.inFlightCount(), "nothing stays in flight");
    }

    private static JsonObject request(String id, String method, JsonObject params) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method);
        if (params != null) {
            b.add("params", params);
        }
        return b.build();
    }

    /** Params that are mostly plausible for the method (so the features are reached), sometimes anything. */
    private static JsonObject params(Random r, String method, boolean modern) {
        if (r.nextInt(8) == 0) {
            return r.nextBoolean() ? null : Fuzz.object(r, 3);
        }
        JsonObjectBuilder p = JSON.createObjectBuilder();
        switch (method) {
            case "tools/call" -> {
                String tool = List.of("echo", "calculate", "nope", "").get(r.nextInt(4));
                p.add("name", tool);
                JsonObjectBuilder args = JSON.createObjectBuilder();
                if (r.nextBoolean()) {
                    args.add("text", r.nextBoolean() ? Fuzz.scalar(r) : JSON.createValue(Fuzz.anyString(r, 50)));
                }
                if (r.nextBoolean()) {
                    args.add("a", Fuzz.scalar(r)).add("b", Fuzz.scalar(r))
                            .add("operation", List.of("add", "subtract", "multiply", "divide", "pow").get(r.nextInt(5)));
                }
                p.add("arguments", r.nextInt(6) == 0 ? Fuzz.value(r, 1) : args.build());
            }
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> p.add("uri", List.of(
                    "docs://guide", "time://Europe/Paris", "time://" + Fuzz.anyString(r, 20), Fuzz.anyString(r, 30))
                    .get(r.nextInt(4)));
            case "prompts/get" -> p.add("name", r.nextBoolean() ? "code_review" : Fuzz.validString(r, 10))
                    .add("arguments", r.nextBoolean() ? JSON.createObjectBuilder().add("code", Fuzz.anyString(r, 30)).build()
                            : Fuzz.object(r, 1));
            case "completion/complete" -> p.add("ref", JSON.createObjectBuilder()
                            .add("type", r.nextBoolean() ? "ref/prompt" : "ref/resource")
                            .add("name", "code_review").add("uri", "time://{+zone}"))
                    .add("argument", JSON.createObjectBuilder().add("name", r.nextBoolean() ? "language" : "zone")
                            .add("value", Fuzz.anyString(r, 10)));
            case "logging/setLevel" -> p.add("level", r.nextBoolean() ? "debug" : Fuzz.validString(r, 6));
            default -> {
                if (r.nextInt(3) == 0) {
                    p.add("cursor", r.nextBoolean() ? JSON.createValue(Fuzz.anyString(r, 20)) : Fuzz.scalar(r));
                }
            }
        }
        if (r.nextInt(4) == 0) {
            p.add("_meta", JSON.createObjectBuilder().add("progressToken", Fuzz.scalar(r)));
        }
        if (modern) {
            JsonObjectBuilder meta = JSON.createObjectBuilder()
                    .add(EngineHarness.PROTOCOL_VERSION_KEY, r.nextInt(6) == 0 ? VERSIONS.get(r.nextInt(VERSIONS.size()))
                            : "2026-07-28")
                    .add(EngineHarness.CLIENT_CAPABILITIES_KEY, r.nextInt(6) == 0 ? Fuzz.object(r, 1)
                            : JsonValue.EMPTY_JSON_OBJECT);
            if (r.nextInt(3) == 0) {
                meta.add("progressToken", Fuzz.scalar(r));
            }
            if (r.nextInt(10) > 0) {
                p.add("_meta", meta);
            }
        }
        return p.build();
    }

    private static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
