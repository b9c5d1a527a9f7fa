package dev.mcpws.support;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.McpLog;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.logging.RequestLog;

/** A method parameter the server supplies instead of the client: {@code Progress}, {@code Cancellation}, {@code RequestInfo}, {@code McpLog}. */
public enum Helper {
    PROGRESS, CANCELLATION, REQUEST_INFO, LOG;

    /** The helper a parameter of type {@code type} is, or null. */
    public static Helper of(Class<?> type) {
        if (type == Progress.class) {
            return PROGRESS;
        }
        if (type == Cancellation.class) {
            return CANCELLATION;
        }
        if (type == RequestInfo.class) {
            return REQUEST_INFO;
        }
        if (type == McpLog.class) {
            return LOG;
        }
        return null;
    }

    public Object value(RequestContext ctx) {
        switch (this) {
            case PROGRESS:
                return ctx.progress();
            case CANCELLATION:
                return ctx.cancellation();
            case LOG:
                return RequestLog.of(ctx);
            default:
                return ctx;
        }
    }
}
