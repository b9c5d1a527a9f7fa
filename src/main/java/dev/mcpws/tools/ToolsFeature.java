package dev.mcpws.tools;

import dev.mcpws.api.ClientRequestException;
import dev.mcpws.api.ToolException;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.MethodSpec;
import java.util.List;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.features.Guard;
import dev.mcpws.features.Outcomes;
import dev.mcpws.features.Paging;
import dev.mcpws.protocol.Json2;
import dev.mcpws.schema.InvalidValueException;
import dev.mcpws.schema.NotRepresentableException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code tools/list} and {@code tools/call}. */
public final class ToolsFeature implements ServerFeature {

    private final ToolRegistry registry;
    private final int pageSize;
    private final Guard guard;

    public ToolsFeature(ToolRegistry registry, int pageSize) {
        this(registry, pageSize, Guard.HIDE);
    }

    /** {@code guard}: what callers without a tool's scopes see of it. */
    public ToolsFeature(ToolRegistry registry, int pageSize, Guard guard) {
        this.registry = registry;
        this.pageSize = Paging.checkPageSize(pageSize);
        this.guard = guard;
    }

    /**
     * Which calls run on the thread that read them: those of a tool declared non-blocking (and not demoted), and those
     * that name no tool of this server (their error is in-memory work).
     */
    private final MethodSpec.Inline inline = new MethodSpec.Inline() {
        @Override
        public boolean test(JsonObject params) {
            ToolDefinition tool = named(params);
            return tool == null || tool.nonBlocking();
        }

        @Override
        public String demote(JsonObject params) {
            ToolDefinition tool = named(params);
            return tool != null && tool.demote() ? "tool '" + tool.name() + "'" : null;
        }

        private ToolDefinition named(JsonObject params) {
            String name = Json2.stringOrNull(params, "name");
            return name == null ? null : registry.get(name);
        }
    };

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("tools/list", this::list).nonBlocking(),
                MethodSpec.of("tools/call", this::call).takingInput().target(MethodSpec.Target.TOOL).inline(inline));
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // legacy sessions get notifications/tools/list_changed; in 2026-07-28 the subscriptions feature adds listChanged
        capabilities.add("tools", protocolVersion.compareTo("2026-07-28") < 0
                ? Json2.object().add("listChanged", true) : Json2.object());
    }

    private CompletionStage<JsonObject> list(RequestContext ctx) {
        String version = ctx.protocolVersion();
        return Paging.list(ctx, guard, registry.after(null), pageSize, "tools", tool -> tool.toJson(version));
    }

    private CompletionStage<JsonObject> call(RequestContext ctx) {
        JsonObject params = ctx.params();
        String name = Json2.stringOrNull(params, "name");
        if (name == null) {
            throw McpException.invalidParams("tools/call needs params.name (a string)");
        }
        ToolDefinition tool = registry.get(name);
        if (tool == null) {
            throw unknown(name);
        }
        guard.check(tool, ctx, () -> unknown(name));
        ctx.targetKnown();
        if (tool.taskSupport() == dev.mcpws.api.TaskSupport.REQUIRED && !ctx.tasksDeclared()) {
            throw ctx.tasksRequired();
        }
        if (tool.timeoutMs() > 0) {
            ctx.timeoutMs(tool.timeoutMs());
        }
        JsonValue arguments = params.get("arguments");
        if (arguments != null && arguments.getValueType() != JsonValue.ValueType.OBJECT
                && arguments.getValueType() != JsonValue.ValueType.NULL) {
            throw McpException.invalidParams("tools/call params.arguments must be an object");
        }
        JsonObject args = arguments instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        Object[] bound;
        try {
            bound = ArgumentBinder.bind(tool, args, ctx);
        } catch (InvalidValueException e) {
            return CompletableFuture.completedFuture(ToolResults.error("Invalid arguments: " + e.getMessage()));
        }
        if (tool.taskSupport() != dev.mcpws.api.TaskSupport.FORBIDDEN && !tool.startsOwnTask()) {
            ctx.startTask(); // a task when the request declared the extension: answered now, the call runs on
        }
        String version = ctx.protocolVersion();
        return Outcomes.callOrRecover(tool.invoker(), bound, value -> result(value, tool, version),
                t -> failure(tool, ctx, t));
    }

    private static McpException unknown(String name) {
        return McpException.invalidParams("Unknown tool: " + name);
    }

    /**
     * The tool's value as a result; a value with no JSON form (a NaN or infinite number: arithmetic that overflowed on
     * valid input) is a tool error saying so, not an internal error.
     */
    private static JsonObject result(Object value, ToolDefinition tool, String version) {
        try {
            return ToolResults.toResult(value, tool, version);
        } catch (NotRepresentableException e) {
            return ToolResults.error("The result cannot be represented in JSON: " + e.getMessage());
        }
    }

    /** Maps what a tool threw: business failures become results, the rest protocol errors without details. */
    private static JsonObject failure(ToolDefinition tool, RequestContext ctx, Throwable thrown) {
        Throwable t = Outcomes.unwrap(thrown);
        if (t instanceof ToolException e) {
            return ToolResults.error(e.getMessage() == null ? "Tool failed" : e.getMessage());
        }
        if (t instanceof ClientRequestException e && !ctx.cancellation().isCancelled()) {
            return ToolResults.error(e.getMessage());
        }
        if (t instanceof ArithmeticException e) {
            // overflow or division by zero on input the schema accepted: the model can correct its input
            return ToolResults.error("Arithmetic error: " + (e.getMessage() == null ? "overflow" : e.getMessage()));
        }
        throw Outcomes.error(t, ctx, Messages.TOOL_FAILED, "tool '" + tool.name() + "'",
                "Internal error while running tool " + tool.name());
    }
}
