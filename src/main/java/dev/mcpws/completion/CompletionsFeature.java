package dev.mcpws.completion;

import dev.mcpws.api.CompletionContext;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.MethodSpec;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.features.Completer;
import dev.mcpws.features.Guard;
import dev.mcpws.features.Outcomes;
import dev.mcpws.prompts.PromptsFeature;
import dev.mcpws.prompts.PromptDefinition;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.resources.TemplateDefinition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code completion/complete} for prompt arguments ({@code ref/prompt}) and resource template variables
 * ({@code ref/resource}, by the exact URI template). At most {@value #MAX_VALUES} values are sent, with {@code total}
 * and {@code hasMore}.
 */
public final class CompletionsFeature implements ServerFeature {

    /** The protocol's limit on {@code completion.values}. */
    public static final int MAX_VALUES = 100;

    private final PromptRegistry prompts;
    private final ResourceRegistry resources;
    private final Guard guard;

    public CompletionsFeature(PromptRegistry prompts, ResourceRegistry resources) {
        this(prompts, resources, Guard.HIDE);
    }

    /** {@code guard}: what callers without the scopes of a prompt or template see of it. */
    public CompletionsFeature(PromptRegistry prompts, ResourceRegistry resources, Guard guard) {
        this.prompts = prompts;
        this.resources = resources;
        this.guard = guard;
    }

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("completion/complete", this::complete));
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // completion/complete exists since 2024-11-05, the capability that announces it since 2025-03-26
        if (protocolVersion.compareTo(ProtocolVersion.V2025_03_26) >= 0) {
            capabilities.add("completions", Json2.object());
        }
    }

    private CompletionStage<JsonObject> complete(RequestContext ctx) {
        JsonObject params = ctx.params();
        if (!(params.get("ref") instanceof JsonObject ref)) {
            throw McpException.invalidParams("completion/complete needs params.ref (an object)");
        }
        if (!(params.get("argument") instanceof JsonObject argument)) {
            throw McpException.invalidParams("completion/complete needs params.argument (an object)");
        }
        String argName = Json2.stringOrNull(argument, "name");
        String value = Json2.stringOrNull(argument, "value");
        if (argName == null || value == null) {
            throw McpException.invalidParams("completion/complete needs params.argument.name and .value (strings)");
        }
        String type = Json2.stringOrNull(ref, "type");
        Completer completer;
        String what;
        if ("ref/prompt".equals(type)) {
            String name = Json2.stringOrNull(ref, "name");
            PromptDefinition prompt = name == null ? null : prompts.get(name);
            if (prompt == null) {
                throw PromptsFeature.unknown(name);
            }
            guard.check(prompt, ctx, () -> PromptsFeature.unknown(name));
            if (prompt.argument(argName) == null) {
                throw McpException.invalidParams("Prompt '" + name + "' has no argument '" + argName + "'");
            }
            completer = prompt.completer(argName);
            what = "completion of prompt '" + name + "' argument '" + argName + "'";
        } else if ("ref/resource".equals(type)) {
            String uri = Json2.stringOrNull(ref, "uri");
            TemplateDefinition template = uri == null ? null : resources.templates().get(uri);
            if (template == null) {
                throw unknownTemplate(uri);
            }
            guard.check(template, ctx, () -> unknownTemplate(uri));
            if (!template.template().variables().contains(argName)) {
                throw McpException.invalidParams("Resource template '" + uri + "' has no variable '" + argName + "'");
            }
            completer = template.completer(argName);
            what = "completion of resource template '" + uri + "' variable '" + argName + "'";
        } else {
            throw McpException.invalidParams("params.ref.type must be ref/prompt or ref/resource, was " + type);
        }
        CompletionContext context = new CompletionContext(argName, contextArguments(params.get("context")));
        if (completer == null) {
            return CompletableFuture.completedFuture(result(List.of()));
        }
        return Outcomes.call(args -> completer.complete(value, context, ctx), new Object[0],
                CompletionsFeature::result, t -> Outcomes.failure(t, ctx, Messages.COMPLETION_FAILED, what));
    }

    private static McpException unknownTemplate(String uri) {
        return McpException.invalidParams("Unknown resource template: " + uri);
    }

    private static Map<String, String> contextArguments(JsonValue context) {
        if (context == null || context.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(context instanceof JsonObject c)) {
            throw McpException.invalidParams("params.context must be an object");
        }
        JsonValue args = c.get("arguments");
        if (args == null || args.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(args instanceof JsonObject a)) {
            throw McpException.invalidParams("params.context.arguments must be an object of strings");
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonValue> e : a.entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw McpException.invalidParams("params.context.arguments." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), s.getString());
        }
        return out;
    }

    private static JsonObject result(Object value) {
        if (value != null && !(value instanceof Collection<?>)) {
            throw new IllegalStateException("A completion method returned a " + value.getClass().getName()
                    + "; it must return List<String>");
        }
        List<String> all = value == null ? List.of()
                : ((Collection<?>) value).stream().filter(Objects::nonNull).map(Object::toString).toList();
        JsonArrayBuilder values = Json2.array();
        all.stream().limit(MAX_VALUES).forEach(values::add);
        return Json2.object().add("completion", Json2.object().add("values", values).add("total", all.size())
                .add("hasMore", all.size() > MAX_VALUES)).build();
    }
}
