package dev.mcpws.features;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.McpLog;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.Roots;
import dev.mcpws.api.Sampling;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.logging.RequestLog;

/**
 * A method parameter the server supplies instead of the client: {@code Progress}, {@code Cancellation},
 * {@code RequestInfo}, {@code McpLog}, {@code Elicitation}, {@code Sampling}, {@code Roots}.
 */
public enum Helper {
    PROGRESS, CANCELLATION, REQUEST_INFO, LOG, ELICITATION, SAMPLING, ROOTS;

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
        if (type == Elicitation.class) {
            return ELICITATION;
        }
        if (type == Sampling.class) {
            return SAMPLING;
        }
        if (type == Roots.class) {
            return ROOTS;
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
            case ELICITATION:
                return ctx.elicitation();
            case SAMPLING:
                return ctx.sampling();
            case ROOTS:
                return ctx.roots();
            default:
                return ctx;
        }
    }
}
