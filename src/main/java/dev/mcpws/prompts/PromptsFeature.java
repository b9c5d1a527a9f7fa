package dev.mcpws.prompts;

import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.MethodSpec;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.features.ContentJson;
import dev.mcpws.features.Guard;
import dev.mcpws.features.Outcomes;
import dev.mcpws.features.Paging;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code prompts/list} and {@code prompts/get}. */
public final class PromptsFeature implements ServerFeature {

    private final PromptRegistry registry;
    private final int pageSize;
    private final Guard guard;

    public PromptsFeature(PromptRegistry registry, int pageSize) {
        this(registry, pageSize, Guard.HIDE);
    }

    /** {@code guard}: what callers without a prompt's scopes see of it. */
    public PromptsFeature(PromptRegistry registry, int pageSize, Guard guard) {
        this.registry = registry;
        this.pageSize = Paging.checkPageSize(pageSize);
        this.guard = guard;
    }

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("prompts/list", this::list).nonBlocking(),
                MethodSpec.of("prompts/get", this::get).takingInput().target(MethodSpec.Target.PROMPT));
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // prompts are fixed at deploy time: no listChanged
        capabilities.add("prompts", Json2.object());
    }

    private CompletionStage<JsonObject> list(RequestContext ctx) {
        String version = ctx.protocolVersion();
        return Paging.list(ctx, guard, registry.all(), pageSize, "prompts", p -> p.toJson(version));
    }

    private CompletionStage<JsonObject> get(RequestContext ctx) {
        JsonObject params = ctx.params();
        String name = Json2.stringOrNull(params, "name");
        if (name == null) {
            throw McpException.invalidParams("prompts/get needs params.name (a string)");
        }
        PromptDefinition prompt = registry.get(name);
        if (prompt == null) {
            throw unknown(name);
        }
        guard.check(prompt, ctx, () -> unknown(name));
        ctx.targetKnown();
        Map<String, String> arguments = arguments(prompt, params.get("arguments"));
        String version = ctx.protocolVersion();
        return Outcomes.call(args -> prompt.getter().get(arguments, ctx), new Object[0],
                value -> result(value, prompt, version),
                t -> Outcomes.failure(t, ctx, Messages.PROMPT_FAILED, "prompt '" + prompt.name() + "'"));
    }

    /** The answer for a prompt that does not exist (or that the caller may not see). */
    public static McpException unknown(String name) {
        return McpException.invalidParams("Unknown prompt: " + name);
    }

    /** Validates {@code arguments}: an object of strings, no unknown names, every required argument present. */
    private static Map<String, String> arguments(PromptDefinition prompt, JsonValue value) {
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL
                && value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpException.invalidParams("prompts/get params.arguments must be an object");
        }
        JsonObject given = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        Map<String, String> arguments = new HashMap<>();
        for (Map.Entry<String, JsonValue> e : given.entrySet()) {
            if (prompt.argument(e.getKey()) == null) {
                throw McpException.invalidParams("Prompt '" + prompt.name() + "' has no argument '" + e.getKey() + "'");
            }
            if (e.getValue() instanceof JsonString s) {
                arguments.put(e.getKey(), s.getString());
            } else if (e.getValue().getValueType() != JsonValue.ValueType.NULL) {
                throw McpException.invalidParams("Argument '" + e.getKey() + "' of prompt '" + prompt.name()
                        + "' must be a string");
            }
        }
        List<String> missing = new ArrayList<>();
        for (PromptDefinition.Argument a : prompt.arguments()) {
            if (a.required() && !arguments.containsKey(a.name())) {
                missing.add(a.name());
            }
        }
        if (!missing.isEmpty()) {
            JsonArrayBuilder names = Json2.array();
            missing.forEach(names::add);
            throw new McpException(ErrorCodes.INVALID_PARAMS, "Missing required argument" + (missing.size() > 1 ? "s" : "")
                    + " of prompt '" + prompt.name() + "': " + String.join(", ", missing),
                    Json2.object().add("missing", names).build());
        }
        return arguments;
    }

    private static JsonObject result(Object value, PromptDefinition prompt, String version) {
        String description = prompt.description();
        List<?> messages;
        if (value == null) {
            messages = List.of();
        } else if (value instanceof String s) {
            messages = List.of(PromptMessage.user(s));
        } else if (value instanceof PromptMessage m) {
            messages = List.of(m);
        } else if (value instanceof PromptResult r) {
            messages = r.messages();
            if (r.description() != null) {
                description = r.description();
            }
        } else if (value instanceof List<?> list && list.stream().allMatch(PromptMessage.class::isInstance)) {
            messages = list;
        } else {
            throw new IllegalStateException("Prompt '" + prompt.name() + "' returned a " + value.getClass().getName()
                    + "; prompts return String, PromptMessage, List<PromptMessage> or PromptResult");
        }
        JsonArrayBuilder out = Json2.array();
        for (Object o : messages) {
            PromptMessage m = (PromptMessage) o;
            out.add(Json2.object().add("role", m.role().name()).add("content", ContentJson.block(m.content(), version)));
        }
        JsonObjectBuilder result = Json2.object();
        if (description != null) {
            result.add("description", description);
        }
        return result.add("messages", out).build();
    }
}
