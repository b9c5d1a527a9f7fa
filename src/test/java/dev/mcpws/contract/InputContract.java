package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.isResponseTo;
import static dev.mcpws.contract.McpTestClient.isServerRequest;
import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input from the client, written once: the same tools ask, the same handlers answer. Legacy: real server-to-client
 * requests (elicitation/create, sampling/createMessage, roots/list, ping). 2026-07-28: MRTR, an input_required
 * result and a retry with inputResponses and the requestState.
 */
public interface InputContract extends ContractTransport {

    static JsonObject elicitationCaps() {
        return obj().add("elicitation", obj().add("form", obj())).build();
    }

    static Function<JsonObject, JsonObject> accept(String name) {
        return p -> obj().add("action", "accept").add("content", obj().add("name", name)).build();
    }

    static Function<JsonObject, JsonObject> samplingAnswer(String text) {
        return p -> obj().add("role", "assistant").add("model", "test-model").add("stopReason", "endTurn")
                .add("content", obj().add("type", "text").add("text", text)).build();
    }

    static Function<JsonObject, JsonObject> roots(String... uris) {
        return p -> {
            var a = Json.createArrayBuilder();
            for (String u : uris) {
                a.add(obj().add("uri", u));
            }
            return obj().add("roots", a).build();
        };
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void elicitationRoundTrip(Era era) {
        try (McpTestClient c = client(era, elicitationCaps()).onInput("elicitation/create", accept("Grace"))) {
            McpTestClient.Reply r = c.tool("ask_name").param("arguments", obj()).call();
            assertEquals("Hello, Grace", r.text());
            assertFalse(r.result().getBoolean("isError", false));
            assertEquals(List.of("elicitation/create"), r.inputMethods());
            JsonObject params = r.rounds().get(0).getJsonObject("params");
            assertEquals("form", params.getString("mode"));
            assertEquals("What is your name?", params.getString("message"));
            assertEquals("object", params.getJsonObject("requestedSchema").getString("type"));
            if (era == Era.MODERN) {
                assertEquals("complete", r.result().getString("resultType"));
                assertTrue(c.inbox().all().stream().noneMatch(McpTestClient::isServerRequest),
                        "no server-to-client request in 2026-07-28");
            } else {
                assertTrue(c.inbox().all().stream().filter(McpTestClient::isServerRequest)
                        .allMatch(m -> m.get("id").getValueType() == JsonValue.ValueType.STRING), "server ids are strings");
            }
        }
    }

    @Test
    default void modernInputRequiredResultCarriesTheQuestionsAndAState() {
        try (McpTestClient c = client(Era.MODERN, elicitationCaps())) {
            JsonObject first = c.tool("ask_name").param("arguments", obj()).noRetry().result();
            assertEquals("input_required", first.getString("resultType"));
            JsonObject req = first.getJsonObject("inputRequests").getJsonObject("elicit-1");
            assertEquals("elicitation/create", req.getString("method"));
            assertFalse(first.getString("requestState").isEmpty());
            assertFalse(first.containsKey("content"));
            JsonObject done = c.tool("ask_name").param("arguments", obj())
                    .param("inputResponses", obj().add("elicit-1", accept("Grace").apply(null)))
                    .param("requestState", first.getString("requestState")).result();
            assertEquals("complete", done.getString("resultType"));
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void declineIsAnAnswerToo(Era era) {
        try (McpTestClient c = client(era, elicitationCaps())
                .onInput("elicitation/create", p -> obj().add("action", "decline").build())) {
            assertEquals("No name (decline)", c.tool("ask_name").param("arguments", obj()).call().text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void twoSequentialInputsTakeTwoRounds(Era era) {
        int[] n = new int[1];
        try (McpTestClient c = client(era, elicitationCaps()).onInput("elicitation/create",
                p -> accept(n[0]++ == 0 ? "Ada" : "Lovelace").apply(p))) {
            McpTestClient.Reply r = c.tool("two_questions").param("arguments", obj()).call();
            assertEquals("Ada Lovelace", r.text());
            assertEquals(List.of("First name?", "Last name?"), r.rounds().stream()
                    .map(x -> x.getJsonObject("params").getString("message")).toList());
        }
        if (era == Era.MODERN) {
            try (McpTestClient c = client(era, elicitationCaps())) {
                JsonObject r1 = c.tool("two_questions").param("arguments", obj()).noRetry().result();
                assertEquals(List.of("elicit-1"), List.copyOf(r1.getJsonObject("inputRequests").keySet()));
                JsonObject r2 = c.tool("two_questions").param("arguments", obj()).noRetry()
                        .param("inputResponses", obj().add("elicit-1", accept("Ada").apply(null)))
                        .param("requestState", r1.getString("requestState")).result();
                assertEquals(List.of("elicit-2"), List.copyOf(r2.getJsonObject("inputRequests").keySet()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void samplingRoundTrip(Era era) {
        try (McpTestClient c = client(era, obj().add("sampling", obj()).build())
                .onInput("sampling/createMessage", samplingAnswer("short"))) {
            McpTestClient.Reply r = c.tool("summarize").arg("text", "a long story").call();
            assertEquals("Summary: short", r.text());
            assertEquals(List.of("sampling/createMessage"), r.inputMethods());
            if (era == Era.MODERN) {
                JsonObject first = c.tool("summarize").arg("text", "a long story").noRetry().result();
                assertEquals(List.of("sample-1"), List.copyOf(first.getJsonObject("inputRequests").keySet()));
            }
            JsonObject message = r.rounds().get(0).getJsonObject("params").getJsonArray("messages").getJsonObject(0);
            assertEquals("user", message.getString("role"));
            assertEquals("Summarize: a long story", message.getJsonObject("content").getString("text"));
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void rootsRoundTrip(Era era) {
        try (McpTestClient c = client(era, obj().add("roots", obj().add("listChanged", true)).build())
                .onInput("roots/list", roots("file:///work", "file:///home"))) {
            McpTestClient.Reply r = c.tool("list_roots").param("arguments", obj()).call();
            assertEquals("file:///work,file:///home", r.text());
            assertEquals(List.of("roots/list"), r.inputMethods());
            if (era == Era.MODERN) {
                JsonObject first = c.tool("list_roots").param("arguments", obj()).noRetry().result();
                assertEquals(List.of("roots-1"), List.copyOf(first.getJsonObject("inputRequests").keySet()));
            }
            McpTestClient.Reply again = c.tool("list_roots").param("arguments", obj()).call();
            assertEquals("file:///work,file:///home", again.text());
            if (era == Era.LEGACY) {
                assertEquals(List.of(), again.inputMethods(), "legacy: the roots are cached for the session");
                c.onInput("roots/list", roots("file:///new"));
                c.notify("notifications/roots/list_changed", JsonValue.EMPTY_JSON_OBJECT);
                McpTestClient.Reply changed = c.tool("list_roots").param("arguments", obj()).call();
                assertEquals("file:///new", changed.text());
                assertEquals(List.of("roots/list"), changed.inputMethods(), "asked again after list_changed");
                List<JsonValue> serverIds = c.inbox().all().stream().filter(McpTestClient::isServerRequest)
                        .map(m -> m.get("id")).toList();
                assertEquals(serverIds.size(), serverIds.stream().distinct().count(), "a new server request id: " + serverIds);
            } else {
                assertEquals(List.of("roots/list"), again.inputMethods(), "2026-07-28: every request asks");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void urlModeElicitation(Era era) {
        try (McpTestClient c = client(era, obj().add("elicitation", obj().add("form", obj()).add("url", obj())).build())
                .onInput("elicitation/create", p -> obj().add("action", "accept").build())) {
            McpTestClient.Reply r = c.tool("open_url").param("arguments", obj()).call();
            assertEquals("accept", r.text());
            JsonObject params = r.rounds().get(0).getJsonObject("params");
            assertEquals("url", params.getString("mode"));
            assertEquals("https://example.com/login", params.getString("url"));
            assertEquals("login-1", params.getString("elicitationId"));
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void threeQuestionsInOneRound(Era era) {
        try (McpTestClient c = client(era, obj().add("elicitation", obj().add("form", obj())).add("sampling", obj())
                        .add("roots", obj()).build())
                .onInput("elicitation/create", accept("Ada"))
                .onInput("sampling/createMessage", samplingAnswer("short"))
                .onInput("roots/list", roots("file:///a", "file:///b"))) {
            McpTestClient.Reply r = c.tool("ask_together").param("arguments", obj()).call();
            assertEquals("Ada|short|2", r.text());
            assertEquals(List.of("elicitation/create", "roots/list", "sampling/createMessage"),
                    r.inputMethods().stream().sorted().toList(), "asked together, each once");
        }
        if (era == Era.MODERN) {
            try (McpTestClient c = client(era, obj().add("elicitation", obj().add("form", obj())).add("sampling", obj())
                    .add("roots", obj()).build())) {
                JsonObject first = c.tool("ask_together").param("arguments", obj()).noRetry().result();
                assertEquals(3, first.getJsonObject("inputRequests").size(), first::toString);
                assertTrue(first.getJsonObject("inputRequests").containsKey("user_name"), first::toString);
                assertTrue(first.getJsonObject("inputRequests").containsKey("summary"), first::toString);
            }
        }
    }

    @Test
    default void legacyServerRequestsHaveStringIdsAndTheServerPingsTheClient() {
        try (McpTestClient c = client(Era.LEGACY)) {
            McpTestClient.Reply r = c.tool("ping_client").param("arguments", obj()).call();
            assertEquals("pong after a round trip", r.text());
            assertEquals(List.of("ping"), r.inputMethods());
            assertTrue(r.rounds().get(0).getJsonObject("params").isEmpty(), r.rounds()::toString);
            JsonObject ping = c.inbox().all().stream().filter(McpTestClient::isServerRequest).findFirst().orElseThrow();
            assertEquals(JsonValue.ValueType.STRING, ping.get("id").getValueType(), "server ids are strings: " + ping);
        }
    }

    @Test
    default void legacyClientErrorBecomesAToolError() {
        try (McpTestClient c = client(Era.LEGACY, obj().add("sampling", obj()).build())
                .onInputError("sampling/createMessage", -1, "User rejected")) {
            McpTestClient.Reply r = c.tool("summarize").arg("text", "x").call();
            assertTrue(r.result().getBoolean("isError"), r.response()::toString);
            assertTrue(r.text().contains("User rejected"), r.text());
        }
    }

    @Test
    default void legacyCancellingTheToolCallCancelsTheServerRequest() {
        try (McpTestClient c = client(Era.LEGACY, elicitationCaps())) {
            McpTestClient.Pending call = c.tool("ask_name").param("arguments", obj()).send();
            JsonObject asked = c.await(m -> isServerRequest(m) && "elicitation/create".equals(m.getString("method")),
                    "elicitation/create").json();
            c.cancel(call);
            JsonObject cancelled = c.awaitNotification("notifications/cancelled");
            assertEquals(asked.getString("id"), cancelled.getJsonObject("params").getString("requestId"));
            c.sync(); // the tool ended when its question was withdrawn; a response would be here by now
            assertTrue(c.inbox().all().stream().noneMatch(m -> isResponseTo(m, call.id())), () -> "no response: " + c.inbox().all());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void undeclaredCapabilityFailsClearlyWithoutAsking(Era era) {
        try (McpTestClient c = client(era, elicitationCaps())) {
            // legacy: invalid params naming the capability; 2026-07-28: -32021 MissingRequiredClientCapability
            int code = era == Era.MODERN ? -32021 : -32602;
            JsonObject error = c.tool("summarize").arg("text", "x").error(code);
            assertTrue(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("sampling"), error::toString);
            if (era == Era.LEGACY) {
                assertTrue(error.getString("message").contains("sampling"), error::toString);
            }
            c.tool("open_url").param("arguments", obj()).error(code); // URL mode needs elicitation.url, not only form
            assertTrue(c.inbox().all().stream().noneMatch(McpTestClient::isServerRequest), "nothing was asked");
        }
        try (McpTestClient c = client(era)) {
            JsonObject error = c.tool("ask_name").param("arguments", obj()).error(era == Era.MODERN ? -32021 : -32602);
            assertTrue(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("elicitation"), error::toString);
        }
    }

    @Test
    default void modernTamperedOrForeignStateIsRejected() {
        try (McpTestClient c = client(Era.MODERN, elicitationCaps())) {
            String state = c.tool("ask_name").param("arguments", obj()).noRetry().result().getString("requestState");
            // change a character inside the signed payload: a middle base64 character carries 6 significant bits
            // (the last one of a segment may carry padding bits only, and decode to the same bytes when changed)
            int at = state.indexOf('.') / 2;
            String tampered = state.substring(0, at) + (state.charAt(at) == 'A' ? 'B' : 'A') + state.substring(at + 1);
            assertNotEquals(state, tampered);
            JsonObject r = c.tool("ask_name").param("arguments", obj())
                    .param("inputResponses", obj().add("elicit-1", accept("Mallory").apply(null)))
                    .param("requestState", tampered).error(-32602);
            assertEquals("tampered", r.getJsonObject("data").getString("reason"));
            assertTrue(r.getString("message").contains("requestState"), r::toString);
            JsonObject other = c.tool("two_questions").param("arguments", obj())
                    .param("inputResponses", obj().add("elicit-1", accept("x").apply(null)))
                    .param("requestState", state).error(-32602);
            assertEquals("request", other.getJsonObject("data").getString("reason"), "a state of one tool is no good for another");
        }
    }
}
