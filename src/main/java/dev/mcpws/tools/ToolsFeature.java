package dev.mcpws.tools;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.ToolException;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.Cursors;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.MethodHandler;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.schema.InvalidValueException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/** {@code tools/list} and {@code tools/call}. */
public final class ToolsFeature implements ServerFeature {

    private static final Logger LOG = Logger.getLogger(ToolsFeature.class.getName());

    private final ToolRegistry registry;
    private final int pageSize;

    public ToolsFeature(ToolRegistry registry, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be >= 1");
        }
        this.registry = registry;
        this.pageSize = pageSize;
    }

    @Override
    public Map<String, MethodHandler> methods() {
        return Map.of("tools/list", this::list, "tools/call", this::call);
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // legacy sessions get notifications/tools/list_changed; in 2026-07-28 the subscriptions feature adds listChanged
        capabilities.add("tools", protocolVersion.compareTo("2026-07-28") < 0
                ? Json2.object().add("listChanged", true) : Json2.object());
    }

    private CompletionStage<JsonObject> list(RequestContext ctx) {
        String after = Cursors.decode(cursor(ctx.params()));
        JsonArrayBuilder tools = Json2.array();
        int n = 0;
        String last = null;
        boolean more = false;
        for (ToolDefinition tool : registry.after(after).values()) {
            if (n == pageSize) {
                more = true;
                break;
            }
            tools.add(tool.toJson(ctx.protocolVersion()));
            last = tool.name();
            n++;
        }
        JsonObjectBuilder result = Json2.object().add("tools", tools);
        if (more) {
            result.add("nextCursor", Cursors.encode(last));
        }
        return CompletableFuture.completedFuture(ctx.cacheable(result).build());
    }

    private static String cursor(JsonObject params) {
        JsonValue c = params.get("cursor");
        if (c == null || c.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (c.getValueType() != JsonValue.ValueType.STRING) {
            throw McpException.invalidParams("Invalid cursor");
        }
        return Json2.stringOrNull(params, "cursor");
    }

    private CompletionStage<JsonObject> call(RequestContext ctx) {
        JsonObject params = ctx.params();
        String name = Json2.stringOrNull(params, "name");
        if (name == null) {
            throw McpException.invalidParams("tools/call needs params.name (a string)");
        }
        ToolDefinition tool = registry.get(name);
        if (tool == null) {
            throw McpException.invalidParams("Unknown tool: " + name);
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
        Object returned;
        try {
            returned = tool.invoker().invoke(bound);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(failure(tool, ctx, t));
        }
        if (returned instanceof CompletionStage<?> stage) {
            return stage.handle((value, error) -> error == null
                    ? ToolResults.toResult(value, tool, ctx.protocolVersion())
                    : failure(tool, ctx, error));
        }
        return CompletableFuture.completedFuture(ToolResults.toResult(returned, tool, ctx.protocolVersion()));
    }

    /** Maps what a tool threw: business failures become results, the rest protocol errors without details. */
    private static JsonObject failure(ToolDefinition tool, RequestContext ctx, Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof InvocationTargetException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ToolException e) {
            return ToolResults.error(e.getMessage() == null ? "Tool failed" : e.getMessage());
        }
        if (t instanceof McpException e) {
            throw e;
        }
        if (t instanceof dev.mcpws.api.ClientRequestException e && !ctx.cancellation().isCancelled()) {
            return ToolResults.error(e.getMessage());
        }
        if (ctx.cancellation().isCancelled() || t instanceof Cancellation.CancelledException) {
            throw new Cancellation.CancelledException(ctx.cancellation().reason());
        }
        Messages.TOOL_FAILED.log(LOG, t, "tool '" + tool.name() + "'", ctx.id(), ctx.connectionId());
        throw new McpException(ErrorCodes.INTERNAL_ERROR, "Internal error while running tool " + tool.name());
    }

}
