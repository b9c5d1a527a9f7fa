package dev.mcpws.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small fluent MCP client for the contract scenarios, over any {@link Wire}. A legacy client does the
 * {@code initialize} handshake; a modern one puts the 2026-07-28 {@code _meta} on every request. Input the server asks
 * for is answered by the same handlers in both eras: legacy server-to-client requests are answered on the wire,
 * modern {@code input_required} results are retried with {@code inputResponses} and the {@code requestState}.
 */
public final class McpTestClient implements AutoCloseable {

    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private final Wire wire;
    private final Era era;
    private final String version;
    private final JsonObject capabilities;
    private final String clientName;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Function<JsonObject, JsonObject>> handlers = new HashMap<>();
    private final Map<String, JsonObject> errors = new HashMap<>();
    private JsonObject initializeResult;

    private McpTestClient(Wire wire, Era era, String version, JsonObject capabilities, String clientName) {
        this.wire = wire;
        this.era = era;
        this.version = version;
        this.capabilities = capabilities;
        this.clientName = clientName;
        handlers.put("ping", p -> JsonValue.EMPTY_JSON_OBJECT);
    }

    /** A client that completed the legacy handshake with {@code version} (the server must echo it). */
    public static McpTestClient legacy(Wire wire, String version, JsonObject capabilities) {
        McpTestClient c = new McpTestClient(wire, Era.LEGACY, version, capabilities, "contract-legacy");
        c.initializeResult = c.request("initialize").param("protocolVersion", version)
                .param("capabilities", capabilities)
                .param("clientInfo", Json.createObjectBuilder().add("name", c.clientName).add("version", "1").build())
                .result();
        assertEquals(version, c.initializeResult.getString("protocolVersion"), "negotiated version");
        c.notify("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT);
        return c;
    }

    /** A client of {@code era}: legacy with the 2025-11-25 handshake. */
    public static McpTestClient of(Era era, Wire wire, JsonObject capabilities) {
        return era == Era.MODERN ? modern(wire, capabilities) : legacy(wire, Era.LEGACY_VERSION, capabilities);
    }

    /** A client without a handshake: it sends whatever the test says, nothing else. */
    public static McpTestClient bare(Wire wire, Era era) {
        return new McpTestClient(wire, era, era == Era.MODERN ? Era.MODERN_VERSION : null, JsonValue.EMPTY_JSON_OBJECT,
                "contract-" + era.name().toLowerCase());
    }

    /** A 2026-07-28 client: every request carries protocolVersion, clientCapabilities and clientInfo in {@code _meta}. */
    public static McpTestClient modern(Wire wire, JsonObject capabilities) {
        return new McpTestClient(wire, Era.MODERN, Era.MODERN_VERSION, capabilities, "contract-modern");
    }

    public Era era() {
        return era;
    }

    public boolean isModern() {
        return era == Era.MODERN;
    }

    /** The version this client speaks (the negotiated one for legacy). */
    public String version() {
        return version;
    }

    public String clientName() {
        return clientName;
    }

    public JsonObject initializeResult() {
        return initializeResult;
    }

    public Wire wire() {
        return wire;
    }

    public Inbox inbox() {
        return wire.inbox();
    }

    /** The {@code _meta} this client adds to every modern request. */
    public JsonObjectBuilder eraMeta() {
        return Json.createObjectBuilder().add(PROTOCOL_VERSION, Era.MODERN_VERSION)
                .add(CLIENT_CAPABILITIES, capabilities)
                .add(CLIENT_INFO, Json.createObjectBuilder().add("name", clientName).add("version", "1"));
    }

    // ------------------------------------------------------------------ input handlers (both eras)

    /** Answers the server's input requests of {@code method} (elicitation/create, sampling/createMessage, roots/list). */
    public McpTestClient onInput(String method, Function<JsonObject, JsonObject> handler) {
        handlers.put(method, handler);
        errors.remove(method);
        return this;
    }

    /** Answers legacy server requests of {@code method} with a JSON-RPC error. */
    public McpTestClient onInputError(String method, int code, String message) {
        errors.put(method, Json.createObjectBuilder().add("code", code).add("message", message).build());
        return this;
    }

    // ------------------------------------------------------------------ requests

    public Request request(String method) {
        return new Request(method);
    }

    /** {@code tools/call} of {@code name}; add arguments with {@link Request#arg}. */
    public Request tool(String name) {
        return new Request("tools/call").param("name", name);
    }

    public void notify(String method, JsonObject params) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method);
        if (params != null) {
            b.add("params", params);
        }
        wire.send(b.build(), isModern());
    }

    /** Cancels a request the way the transport does it (notifications/cancelled, or aborting its HTTP stream). */
    public void cancel(Pending p) {
        wire.cancel(p.id, isModern());
    }

    /**
     * A round trip on this client's line (legacy {@code ping}, modern {@code server/discover}): everything the server
     * sent on the same ordered channel before its answer is in the inbox when this returns.
     */
    public void sync() {
        if (isModern()) {
            request("server/discover").result();
        } else {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, request("ping").result());
        }
    }

    public Inbox.Seen await(Predicate<JsonObject> p, String what) {
        return inbox().await(p, what);
    }

    /** Waits for a notification of {@code method}. */
    public JsonObject awaitNotification(String method) {
        return await(m -> method.equals(m.getString("method", "")) && !m.containsKey("id"), method).json();
    }

    /** A request being built. */
    public final class Request {
        private final String method;
        private final JsonObjectBuilder params = Json.createObjectBuilder();
        private final JsonObjectBuilder arguments = Json.createObjectBuilder();
        private final JsonObjectBuilder meta = Json.createObjectBuilder();
        private boolean hasArguments;
        private boolean eraMeta = true;
        private boolean retryInput = true;
        private JsonValue id;
        private boolean noParams;

        Request(String method) {
            this.method = method;
        }

        public Request param(String name, JsonValue value) {
            params.add(name, value);
            return this;
        }

        public Request param(String name, String value) {
            params.add(name, value);
            return this;
        }

        public Request param(String name, long value) {
            params.add(name, value);
            return this;
        }

        public Request param(String name, JsonObjectBuilder value) {
            params.add(name, value);
            return this;
        }

        public Request arg(String name, JsonValue value) {
            arguments.add(name, value);
            hasArguments = true;
            return this;
        }

        public Request arg(String name, String value) {
            return arg(name, Json.createValue(value));
        }

        public Request arg(String name, long value) {
            return arg(name, Json.createValue(value));
        }

        public Request arg(String name, JsonObjectBuilder value) {
            return arg(name, value.build());
        }

        public Request meta(String key, JsonValue value) {
            meta.add(key, value);
            return this;
        }

        /** {@code _meta.progressToken}. */
        public Request progress(String token) {
            return meta("progressToken", Json.createValue(token));
        }

        public Request progress(long token) {
            return meta("progressToken", Json.createValue(token));
        }

        /** Modern: the request's own log level ({@code _meta["io.modelcontextprotocol/logLevel"]}). */
        public Request logLevel(String level) {
            return meta(LOG_LEVEL, Json.createValue(level));
        }

        /** Leaves out the era's {@code _meta} (to test what the server does without it). */
        public Request withoutEraMeta() {
            eraMeta = false;
            return this;
        }

        /** Sends no {@code params} at all (only when nothing else was added). */
        public Request withoutParams() {
            noParams = true;
            eraMeta = false;
            return this;
        }

        /** Returns an {@code input_required} result as it is instead of answering and retrying. */
        public Request noRetry() {
            retryInput = false;
            return this;
        }

        public Request id(String id) {
            this.id = Json.createValue(id);
            return this;
        }

        public Request id(long id) {
            this.id = Json.createValue(id);
            return this;
        }

        JsonObject params() {
            JsonObjectBuilder p = Json.createObjectBuilder(params.build());
            if (hasArguments) {
                p.add("arguments", arguments.build());
            }
            JsonObjectBuilder m = Json.createObjectBuilder();
            if (isModern() && eraMeta) {
                m.addAll(eraMeta());
            }
            meta.build().forEach(m::add); // later keys win: a test may override the era's values
            JsonObject built = m.build();
            if (!built.isEmpty()) {
                p.add("_meta", built);
            }
            return p.build();
        }

        /** Sends without waiting. */
        public Pending send() {
            JsonValue rid = id != null ? id : Json.createValue(ids.incrementAndGet());
            JsonObject params = noParams ? null : params();
            return sendRaw(method, rid, params, retryInput);
        }

        /** Sends and waits for the response, answering input requests on the way. */
        public Reply call() {
            return send().await();
        }

        /** The result; fails the test on an error response. */
        public JsonObject result() {
            Reply r = call();
            if (r.isError()) {
                fail(method + " failed: " + r.response());
            }
            return r.result();
        }

        /** The error object; fails on a result or on another code. */
        public JsonObject error(int code) {
            Reply r = call();
            assertNotNull(r.response().get("error"), () -> "expected error " + code + " from " + method + ", got " + r.response());
            assertEquals(code, r.code(), () -> "error code of " + method + " in " + r.response());
            return r.error();
        }
    }

    private Pending sendRaw(String method, JsonValue id, JsonObject params, boolean retryInput) {
        int mark = inbox().mark();
        JsonObjectBuilder msg = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method);
        if (params != null) {
            msg.add("params", params);
        }
        wire.send(msg.build(), isModern());
        return new Pending(method, id, params, mark, retryInput);
    }

    /** A request on its way. */
    public final class Pending {
        private final String method;
        private final JsonValue id;
        private final JsonObject params;
        private final int mark;
        private final boolean retryInput;

        Pending(String method, JsonValue id, JsonObject params, int mark, boolean retryInput) {
            this.method = method;
            this.id = id;
            this.params = params;
            this.mark = mark;
            this.retryInput = retryInput;
        }

        public JsonValue id() {
            return id;
        }

        /** Waits for the response; answers legacy server requests and retries modern input_required results. */
        public Reply await() {
            List<JsonObject> rounds = new ArrayList<>();
            Pending current = this;
            for (int round = 0; round < 10; round++) {
                Inbox.Seen response = current.awaitResponse(rounds);
                List<JsonObject> notes = inbox().between(current.mark, response.index()).stream()
                        .filter(McpTestClient::isNotification).filter(m -> !isSubscriptionMessage(m)).toList();
                JsonObject result = response.json().getJsonObject("result");
                if (!retryInput || result == null || !"input_required".equals(result.getString("resultType", ""))) {
                    return new Reply(response.json(), notes, rounds);
                }
                JsonObject requests = result.getJsonObject("inputRequests");
                JsonObjectBuilder answers = Json.createObjectBuilder();
                for (Map.Entry<String, JsonValue> e : requests.entrySet()) {
                    JsonObject req = e.getValue().asJsonObject();
                    rounds.add(req);
                    answers.add(e.getKey(), answer(req.getString("method"), req.getJsonObject("params")));
                }
                JsonObjectBuilder retry = Json.createObjectBuilder(params).add("inputResponses", answers)
                        .add("requestState", result.getString("requestState"));
                current = sendRaw(method, Json.createValue(ids.incrementAndGet()), retry.build(), true);
            }
            throw new AssertionError("more than 10 input rounds for " + method);
        }

        private Inbox.Seen awaitResponse(List<JsonObject> rounds) {
            while (true) {
                Inbox.Seen seen = inbox().await(m -> isResponseTo(m, id) || isServerRequest(m),
                        "the response to " + method + " " + id);
                JsonObject m = seen.json();
                if (!isServerRequest(m)) {
                    return seen;
                }
                rounds.add(Json.createObjectBuilder().add("method", m.getString("method"))
                        .add("params", m.containsKey("params") ? m.get("params") : JsonValue.EMPTY_JSON_OBJECT).build());
                JsonObjectBuilder reply = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", m.get("id"));
                JsonObject error = errors.get(m.getString("method"));
                if (error != null) {
                    reply.add("error", error);
                } else {
                    reply.add("result", answer(m.getString("method"), m.getJsonObject("params")));
                }
                wire.send(reply.build(), isModern());
            }
        }
    }

    private JsonObject answer(String method, JsonObject params) {
        Function<JsonObject, JsonObject> h = handlers.get(method);
        if (h == null) {
            fail("the server asked for " + method + " but the test gave no answer for it: " + params);
        }
        return h.apply(params == null ? JsonValue.EMPTY_JSON_OBJECT : params);
    }

    // ------------------------------------------------------------------ subscriptions/listen (modern)

    /** Opens a {@code subscriptions/listen} with {@code filter} and waits for its acknowledgement. */
    public Pending listen(JsonObjectBuilder filter) {
        Pending p = request("subscriptions/listen").param("notifications", filter).send();
        JsonObject first = await(m -> taggedWith(m, p.id()) || isResponseTo(m, p.id()), "the first message of listen " + p.id()).json();
        assertEquals("notifications/subscriptions/acknowledged", first.getString("method", ""), first::toString);
        return p;
    }

    // ------------------------------------------------------------------ message predicates

    public static boolean isNotification(JsonObject m) {
        return m.containsKey("method") && !m.containsKey("id");
    }

    public static boolean isServerRequest(JsonObject m) {
        return m.containsKey("method") && m.containsKey("id");
    }

    public static boolean isResponseTo(JsonObject m, JsonValue id) {
        return !m.containsKey("method") && id.equals(m.get("id"));
    }

    public static boolean is(JsonObject m, String method) {
        return method.equals(m.getString("method", ""));
    }

    public static boolean isSubscriptionMessage(JsonObject m) {
        return m.get("params") instanceof JsonObject p && p.get("_meta") instanceof JsonObject meta
                && meta.containsKey(SUBSCRIPTION_ID);
    }

    /** True for a notification of the listen {@code id} (its {@code _meta} subscriptionId). */
    public static boolean taggedWith(JsonObject m, JsonValue id) {
        return m.get("params") instanceof JsonObject p && p.get("_meta") instanceof JsonObject meta
                && id.equals(meta.get(SUBSCRIPTION_ID));
    }

    @Override
    public void close() {
        wire.close();
    }

    /** The outcome of one request: the response, the notifications that came with it, the input asked for. */
    public record Reply(JsonObject response, List<JsonObject> notifications, List<JsonObject> rounds) {

        public boolean isError() {
            return response.containsKey("error");
        }

        public JsonObject result() {
            assertTrue(response.containsKey("result"), () -> "expected a result, got " + response);
            return response.getJsonObject("result");
        }

        public JsonObject error() {
            assertTrue(response.containsKey("error"), () -> "expected an error, got " + response);
            return response.getJsonObject("error");
        }

        public int code() {
            return error().getInt("code");
        }

        /** The text of the first content block of a CallToolResult. */
        public String text() {
            return result().getJsonArray("content").getJsonObject(0).getString("text");
        }

        public List<JsonObject> progress() {
            return notifications.stream().filter(m -> is(m, "notifications/progress")).map(m -> m.getJsonObject("params")).toList();
        }

        /** The params of the notifications/message that came with the request, in order. */
        public List<JsonObject> logs() {
            return notifications.stream().filter(m -> is(m, "notifications/message")).map(m -> m.getJsonObject("params")).toList();
        }

        /** The methods of the input requests the server made, in order (legacy server requests or MRTR rounds). */
        public List<String> inputMethods() {
            return rounds.stream().map(r -> r.getString("method")).toList();
        }
    }

    // ------------------------------------------------------------------ small JSON helpers for scenarios

    public static JsonObjectBuilder obj() {
        return Json.createObjectBuilder();
    }

    public static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonString::getString);
    }

    public static long number(JsonObject o, String key) {
        return ((JsonNumber) o.get(key)).longValue();
    }
}
