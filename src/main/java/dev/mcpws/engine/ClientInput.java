package dev.mcpws.engine;

import dev.mcpws.api.ClientRequestException;
import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.Roots;
import dev.mcpws.api.Sampling;
import dev.mcpws.api.SamplingResult;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;

/**
 * The input helpers of one request ({@link Elicitation}, {@link Sampling}, {@link Roots}), written once for both
 * eras. Legacy: a real server-to-client request, waited for on the worker thread. 2026-07-28 (MRTR): the answer
 * for the call's deterministic key ({@code elicit-1}, {@code sample-1}, {@code roots-1}, … in call order) comes from
 * the verified {@code requestState} and {@code inputResponses}; when it is missing, {@link InputRequired} ends the
 * method and the engine answers {@code input_required}.
 */
public final class ClientInput {

    private final RequestContext ctx;
    private final InputSettings settings;
    /** 2026-07-28: every answer known so far, by key (null in the legacy era). */
    private final Map<String, JsonValue> answers;
    private final Map<String, Integer> counters = new HashMap<>();
    /** 2026-07-28: questions registered by a {@code ...Later} helper and not answered yet, asked together. */
    private final Map<String, JsonObject> deferred = new LinkedHashMap<>();
    /** 2026-07-28: set once the request became a task; then questions go to the task and their answers are waited for. */
    private volatile TaskRun task;

    private ClientInput(RequestContext ctx, InputSettings settings, Map<String, JsonValue> answers) {
        this.ctx = ctx;
        this.settings = settings;
        this.answers = answers;
    }

    static ClientInput legacy(RequestContext ctx, InputSettings settings) {
        return new ClientInput(ctx, settings, null);
    }

    static ClientInput modern(RequestContext ctx, InputSettings settings, Map<String, JsonValue> answers) {
        return new ClientInput(ctx, settings, new HashMap<>(answers));
    }

    /**
     * The answers of a 2026-07-28 round: none on a first request; on a retry, those carried by the verified
     * {@code requestState} plus the {@code inputResponses} for the keys it asked for (others are ignored).
     * {@code inputResponses} without a {@code requestState} are ignored: this server always sends one.
     */
    static Map<String, JsonValue> roundAnswers(JsonObject params, String method, String principal, RequestStates states) {
        Map<String, JsonValue> known = new HashMap<>();
        JsonValue state = params.get("requestState");
        if (state == null || state.getValueType() == JsonValue.ValueType.NULL) {
            return known;
        }
        if (!(state instanceof JsonString s)) {
            throw McpException.invalidParams("Invalid requestState: it must be a string");
        }
        RequestStates.State verified = states.verify(s.getString(), principal, method, params);
        known.putAll(verified.answers());
        JsonValue responses = params.get("inputResponses");
        if (responses != null && responses.getValueType() != JsonValue.ValueType.NULL) {
            if (!(responses instanceof JsonObject r)) {
                throw McpException.invalidParams("inputResponses must be an object");
            }
            for (String key : verified.pending()) {
                JsonValue v = r.get(key);
                if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
                    known.put(key, v);
                }
            }
        }
        return known;
    }

    /** From now on the questions of a 2026-07-28 request are the task's ({@code inputRequests}, {@code tasks/update}). */
    void task(TaskRun run) {
        this.task = run;
    }

    /** Waits for the task's answer to {@code key}, publishing every open question first (SEP-2663 inputRequests). */
    private JsonObject taskAnswer(String key, String method) {
        JsonValue v = task.await(key, new LinkedHashMap<>(deferred));
        deferred.remove(key);
        if (!(v instanceof JsonObject o)) {
            throw badAnswer(method, "the answer must be an object");
        }
        answers.put(key, o);
        return o;
    }

    boolean modern() {
        return answers != null;
    }

    /** Every answer known (for the next requestState). */
    JsonObject answers() {
        JsonObjectBuilder b = Json2.object();
        if (answers != null) {
            answers.forEach(b::add);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ the one path both eras take

    /**
     * Asks the client: {@code method} with {@code params}, after checking {@code required} (a ClientCapabilities
     * fragment, e.g. {@code {"sampling":{}}}) was declared ({@code declared} says whether it was).
     */
    private JsonObject ask(String prefix, String method, JsonObject params, boolean declared, JsonObject required,
                           String capabilityName) {
        return ask(null, prefix, method, params, declared, required, capabilityName);
    }

    /** {@code key} names the question in 2026-07-28 ({@code inputRequests[key]}); null numbers it per prefix. */
    private JsonObject ask(String chosenKey, String prefix, String method, JsonObject params, boolean declared,
                           JsonObject required, String capabilityName) {
        if (!declared) {
            throw missingCapability(capabilityName, required);
        }
        String key = key(chosenKey, prefix);
        if (!modern() && task != null) {
            // 2025-11-25 tasks would need input_required + tasks/result as a side channel: not supported
            throw new ClientRequestException(ErrorCodes.INVALID_REQUEST,
                    "Input from the client is not available inside a 2025-11-25 task");
        }
        if (!modern()) {
            return ctx.session().clientRequests().call(method, params, settings.clientRequestTimeoutMs(), ctx.cancellation(),
                    ctx.inFlight().channel);
        }
        checkMrtrMethod(method);
        JsonValue answer = answers.get(key);
        if (!(answer instanceof JsonObject o)) {
            deferred.put(key, question(method, params));
            if (task != null) {
                return taskAnswer(key, method);
            }
            throw new InputRequired(deferred); // with every question registered and still open
        }
        return o;
    }

    /**
     * Registers a question to be asked later: 2026-07-28 asks every registered, unanswered question in ONE
     * {@code input_required} result when the first of their answers is needed; legacy asks each one (a server-to-client
     * request) when its answer is needed.
     */
    private <T> Supplier<T> later(String chosenKey, String prefix, String method, JsonObject params, boolean declared,
                                  JsonObject required, String capabilityName, Supplier<T> legacy,
                                  Function<JsonObject, T> convert) {
        if (!declared) {
            throw missingCapability(capabilityName, required);
        }
        if (!modern()) {
            return legacy;
        }
        checkMrtrMethod(method);
        String key = key(chosenKey, prefix);
        if (!(answers.get(key) instanceof JsonObject)) {
            deferred.put(key, question(method, params));
        }
        return () -> {
            if (answers.get(key) instanceof JsonObject o) {
                return convert.apply(o);
            }
            if (task != null) {
                return convert.apply(taskAnswer(key, method));
            }
            throw new InputRequired(deferred);
        };
    }

    private String key(String chosenKey, String prefix) {
        if (chosenKey != null && chosenKey.isBlank()) {
            throw new IllegalArgumentException("an input key must not be blank");
        }
        return chosenKey != null ? chosenKey : prefix + "-" + counters.merge(prefix, 1, Integer::sum);
    }

    private void checkMrtrMethod(String method) {
        if (!ctx.spec().takesInput()) {
            throw new IllegalStateException(method + " is not available while serving " + ctx.method()
                    + " (2026-07-28 allows input only in methods that take it: tools/call, prompts/get, resources/read)");
        }
    }

    private static JsonObject question(String method, JsonObject params) {
        return Json2.object().add("method", method).add("params", params).build();
    }

    private McpException missingCapability(String name, JsonObject required) {
        String message = "The client did not declare the " + name + " capability "
                + (modern() ? "in this request's _meta clientCapabilities" : "in initialize") + "; the server needs it here";
        JsonObject data = Json2.object().add("requiredCapabilities", required).build();
        // -32021 exists only in 2026-07-28; legacy versions get invalid params with the same data
        return new McpException(modern() ? ErrorCodes.MISSING_CLIENT_CAPABILITY : ErrorCodes.INVALID_PARAMS, message, data);
    }

    private RuntimeException badAnswer(String method, String problem) {
        String message = "Invalid " + method + " answer: " + problem;
        return modern() ? McpException.invalidParams("inputResponses: " + message)
                : new ClientRequestException(ErrorCodes.INVALID_PARAMS, message);
    }

    private JsonObject caps() {
        return ctx.clientCapabilities() == null ? JsonValue.EMPTY_JSON_OBJECT : ctx.clientCapabilities();
    }

    private JsonObject elicitationCaps() {
        return caps().get("elicitation") instanceof JsonObject e ? e : null;
    }

    // ------------------------------------------------------------------ the helpers

    private static final JsonObject FORM_REQUIRED =
            Json2.object().add("elicitation", Json2.object().add("form", Json2.object())).build();
    private static final JsonObject SAMPLING_REQUIRED = Json2.object().add("sampling", Json2.object()).build();
    private static final JsonObject ROOTS_REQUIRED = Json2.object().add("roots", Json2.object()).build();

    final Elicitation elicitation = new Elicitation() {
        @Override
        public boolean isSupported() {
            JsonObject e = elicitationCaps();
            // an empty elicitation object means form mode (2025-06-18 clients)
            return e != null && (e.containsKey("form") || !e.containsKey("url"));
        }

        @Override
        public boolean isUrlSupported() {
            JsonObject e = elicitationCaps();
            return e != null && e.containsKey("url");
        }

        @Override
        public ElicitResult form(String message, JsonObject requestedSchema) {
            return form(null, message, requestedSchema);
        }

        @Override
        public ElicitResult form(String key, String message, JsonObject requestedSchema) {
            return elicit(ask(key, "elicit", "elicitation/create", formParams(message, requestedSchema), isSupported(),
                    FORM_REQUIRED, "elicitation (form)"));
        }

        @Override
        public Supplier<ElicitResult> formLater(String key, String message, JsonObject requestedSchema) {
            return later(key, "elicit", "elicitation/create", formParams(message, requestedSchema), isSupported(),
                    FORM_REQUIRED, "elicitation (form)", () -> form(key, message, requestedSchema), ClientInput.this::elicit);
        }

        private JsonObject formParams(String message, JsonObject requestedSchema) {
            JsonObjectBuilder p = Json2.object();
            if (modern() || ctx.atLeast(ProtocolVersion.V2025_11_25)) {
                p.add("mode", "form");
            }
            return p.add("message", message).add("requestedSchema", requestedSchema).build();
        }

        @Override
        public ElicitResult url(String message, String url, String elicitationId) {
            JsonObject p = Json2.object().add("mode", "url").add("message", message).add("url", url)
                    .add("elicitationId", elicitationId).build();
            JsonObject required = Json2.object().add("elicitation", Json2.object().add("url", Json2.object())).build();
            return elicit(ask("elicit", "elicitation/create", p, isUrlSupported(), required, "elicitation.url"));
        }

        @Override
        public void complete(String elicitationId) {
            if (!modern()) {
                ctx.session().send(new dev.mcpws.protocol.JsonRpcNotification("notifications/elicitation/complete",
                        Json2.object().add("elicitationId", elicitationId).build()));
            }
        }
    };

    private ElicitResult elicit(JsonObject r) {
        String action = Json2.stringOrNull(r, "action");
        ElicitResult.Action a;
        try {
            a = action == null ? null : ElicitResult.Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            a = null;
        }
        if (a == null) {
            throw badAnswer("elicitation/create", "action must be accept, decline or cancel");
        }
        JsonValue content = r.get("content");
        if (content != null && content.getValueType() != JsonValue.ValueType.NULL && !(content instanceof JsonObject)) {
            throw badAnswer("elicitation/create", "content must be an object");
        }
        return new ElicitResult(a, content instanceof JsonObject o ? o : null);
    }

    final Sampling sampling = new Sampling() {
        @Override
        public boolean isSupported() {
            return caps().get("sampling") instanceof JsonObject;
        }

        @Override
        public SamplingResult createMessage(JsonObject params) {
            return sampled(ClientInput.this.ask("sample", "sampling/createMessage", params, isSupported(),
                    SAMPLING_REQUIRED, "sampling"));
        }

        @Override
        public SamplingResult ask(String prompt, int maxTokens) {
            return createMessage(textPrompt(prompt, maxTokens));
        }

        @Override
        public Supplier<SamplingResult> askLater(String key, String prompt, int maxTokens) {
            JsonObject params = textPrompt(prompt, maxTokens);
            return later(key, "sample", "sampling/createMessage", params, isSupported(), SAMPLING_REQUIRED, "sampling",
                    () -> createMessage(params), ClientInput.this::sampled);
        }

        private JsonObject textPrompt(String prompt, int maxTokens) {
            return Json2.object()
                    .add("messages", Json2.array().add(Json2.object().add("role", "user")
                            .add("content", Json2.object().add("type", "text").add("text", prompt))))
                    .add("maxTokens", maxTokens)
                    .build();
        }
    };

    private SamplingResult sampled(JsonObject r) {
        JsonValue content = r.get("content");
        if (content == null || (content.getValueType() != JsonValue.ValueType.OBJECT
                && content.getValueType() != JsonValue.ValueType.ARRAY)) {
            throw badAnswer("sampling/createMessage", "content is missing");
        }
        return new SamplingResult(Json2.stringOrNull(r, "role"), content, Json2.stringOrNull(r, "model"),
                Json2.stringOrNull(r, "stopReason"), r);
    }

    final Roots roots = new Roots() {
        @Override
        public boolean isSupported() {
            return caps().get("roots") instanceof JsonObject;
        }

        @Override
        public List<Root> list() {
            ClientRequests channel = modern() ? null : ctx.session().clientRequests();
            boolean cacheable = channel != null && caps().get("roots") instanceof JsonObject r
                    && r.getBoolean("listChanged", false);
            if (cacheable && channel.cachedRoots() != null && isSupported()) {
                return channel.cachedRoots();
            }
            long generation = channel == null ? 0 : channel.rootsGeneration();
            List<Root> result = rootList(ask("roots", "roots/list", JsonValue.EMPTY_JSON_OBJECT, isSupported(),
                    ROOTS_REQUIRED, "roots"));
            if (cacheable) {
                channel.cacheRoots(result, generation);
            }
            return result;
        }

        @Override
        public Supplier<List<Root>> listLater(String key) {
            return later(key, "roots", "roots/list", JsonValue.EMPTY_JSON_OBJECT, isSupported(), ROOTS_REQUIRED, "roots",
                    this::list, ClientInput.this::rootList);
        }
    };

    private List<Roots.Root> rootList(JsonObject r) {
        if (!(r.get("roots") instanceof jakarta.json.JsonArray array)) {
            throw badAnswer("roots/list", "roots must be an array");
        }
        List<Roots.Root> list = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject o) || Json2.stringOrNull(o, "uri") == null) {
                throw badAnswer("roots/list", "every root needs a uri");
            }
            list.add(new Roots.Root(o.getString("uri"), Json2.stringOrNull(o, "name")));
        }
        return List.copyOf(list);
    }
}
