package dev.mcpws.logging;

import dev.mcpws.api.McpLog;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.Era;
import dev.mcpws.engine.MetaKeys;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.protocol.Json2;
import dev.mcpws.schema.JsonTypes;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The {@link McpLog} of a request: {@code notifications/message} to its client, filtered by the level the client
 * chose, and only while the request is in flight.
 */
public final class RequestLog implements McpLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());

    private final Supplier<RequestContext> request;
    private final String logger;

    private RequestLog(Supplier<RequestContext> request, String logger) {
        this.request = request;
        this.logger = logger;
    }

    /** The log of one request (usable from any thread while the request runs). */
    public static McpLog of(RequestContext ctx) {
        return new RequestLog(() -> ctx, null);
    }

    /** A log that finds the request at each call (for injection into beans of any scope). */
    public static McpLog lookingUp(Supplier<RequestContext> current) {
        return new RequestLog(current, null);
    }

    /**
     * The lowest level the client of {@code ctx} wants, or null for none: the request's {@code _meta} level in
     * 2026-07-28 (absent or unknown: none); the connection's {@code logging/setLevel} in the legacy era (not set:
     * every level).
     */
    public static McpLog.Level threshold(RequestContext ctx) {
        if (ctx.era() == Era.MODERN) {
            return ctx.meta().get(MetaKeys.LOG_LEVEL) instanceof JsonString s ? McpLog.Level.parse(s.getString()) : null;
        }
        Object set = ctx.session().attributes().get(LoggingFeature.LEVEL_KEY);
        return set instanceof McpLog.Level l ? l : McpLog.Level.DEBUG;
    }

    @Override
    public McpLog named(String name) {
        return new RequestLog(request, name);
    }

    @Override
    public boolean isEnabled(McpLog.Level level) {
        RequestContext ctx = request.get();
        McpLog.Level min = threshold(ctx);
        return min != null && level.compareTo(min) >= 0 && ctx.isActive();
    }

    @Override
    public void log(McpLog.Level level, Object data) {
        RequestContext ctx = request.get();
        if (!isEnabled(level)) {
            return;
        }
        JsonObjectBuilder params = Json2.object().add("level", level.wireName());
        if (logger != null) {
            params.add("logger", logger);
        }
        params.add("data", toJson(data));
        ctx.sendNotification("notifications/message", params.build());
    }

    private static JsonValue toJson(Object data) {
        if (data == null) {
            return JsonValue.NULL;
        }
        if (data instanceof JsonValue v) {
            return v;
        }
        if (data instanceof String s) {
            return Json2.string(s);
        }
        try {
            return JsonTypes.of(Object.class).toJson(data);
        } catch (RuntimeException e) {
            Messages.LOG_DATA_NOT_JSON.log(LOG, e, data.getClass().getName());
            return Json2.string(String.valueOf(data));
        }
    }
}
