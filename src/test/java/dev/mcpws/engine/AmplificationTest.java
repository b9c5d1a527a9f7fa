package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one request can make the server send is bounded, and no client-chosen name becomes a metric tag: progress
 * tokens are what the spec types (a string of bounded length or an integer), notifications per request are capped,
 * unknown method names are reported as {@code other}.
 */
class AmplificationTest {

    private static JsonObject withToken(JsonValue token) {
        return request(1, "test/progress", Json.createObjectBuilder()
                .add("_meta", Json.createObjectBuilder().add("progressToken", token)));
    }

    static Stream<JsonValue> badTokens() {
        return Stream.of(JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY, JsonValue.TRUE, JsonValue.NULL,
                Json.createValue(1.5), Json.createValue(new java.math.BigDecimal("1e400")),
                Json.createValue(new java.math.BigInteger("9223372036854775808")),
                Json.createValue("x".repeat(EngineSettings.DEFAULT_MAX_PROGRESS_TOKEN_CHARS + 1)));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void aProgressTokenThatIsNoStringOrIntegerOrTooLongIsInvalidParams(JsonValue token) {
        try (EngineHarness h = new EngineHarness(List.of(new TestFeature()))) {
            h.initialize("2025-11-25");
            JsonObject response = Json.createReader(new java.io.StringReader(h.exchange(withToken(token)))).readObject();
            assertEquals(-32602, response.getJsonObject("error").getInt("code"), response::toString);
            h.connection.assertNoUnread();
        }
    }

    @Test
    void stringsUpToTheLimitAndIntegersAreTokens() {
        for (JsonValue token : List.of(Json.createValue("x".repeat(EngineSettings.DEFAULT_MAX_PROGRESS_TOKEN_CHARS)),
                Json.createValue(-7), Json.createValue(Long.MAX_VALUE))) {
            try (EngineHarness h = new EngineHarness(List.of(new TestFeature()))) {
                h.initialize("2025-11-25");
                h.send(withToken(token));
                List<String> out = h.connection.next(3);
                assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'progressRequested':true}}"), out.get(2), out::toString);
            }
        }
    }

    @Test
    void aRequestSendsAtMostTheConfiguredNumberOfNotifications() {
        EngineSettings one = new EngineSettings(30_000, "public", 256, 0, 256, 1);
        try (EngineHarness h = new EngineHarness(List.of(new TestFeature()), one)) {
            h.initialize("2025-11-25");
            h.send(withToken(Json.createValue("t")));
            assertEquals(List.of(
                    text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'t','progress':1.0}}"),
                    text("{'jsonrpc':'2.0','id':1,'result':{'progressRequested':true}}")), h.connection.next(2));
            h.connection.assertNoUnread();
        }
    }

    @Test
    void anUnknownMethodIsReportedAsOther() {
        List<String> methods = new CopyOnWriteArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void requestEnded(String method, String target, Era era, String outcome, long nanos) {
                methods.add(method + " " + outcome);
            }
        };
        try (EngineHarness h = new EngineHarness(List.of(new TestFeature()), EngineSettings.DEFAULTS,
                b -> b.listener(listener))) {
            h.initialize("2025-11-25");
            h.exchange(request(1, "invented/method-" + System.nanoTime(), null));
            h.exchange(request(2, "ping", null));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (methods.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the listener runs just after the response is written, on the worker
            }
            assertEquals(List.of("initialize ok", "other error_-32601", "ping ok"), methods);
        }
    }
}
