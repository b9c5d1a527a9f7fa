package dev.mcpws.features;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.InvalidParamsException;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.protocol.ErrorCodes;
import jakarta.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs application code for a request and turns what it returned (directly or through a {@code CompletionStage})
 * into a result, and what it threw into a protocol error.
 */
public final class Outcomes {

    private static final Logger LOG = Logger.getLogger(Outcomes.class.getName());

    private Outcomes() {
    }

    /**
     * Invokes, then converts the value with {@code convert}; a failure (thrown, or completing the returned stage) is
     * turned into the exception {@code failure} returns.
     */
    public static CompletionStage<JsonObject> call(Invoker invoker, Object[] args, Function<Object, JsonObject> convert,
                                                   Function<Throwable, RuntimeException> failure) {
        return callOrRecover(invoker, args, convert, t -> {
            throw failure.apply(t);
        });
    }

    /**
     * Like {@link #call}, but a failure may also become a result: {@code recover} returns it, or throws the protocol
     * error (tools answer business failures with a result).
     */
    public static CompletionStage<JsonObject> callOrRecover(Invoker invoker, Object[] args,
                                                            Function<Object, JsonObject> convert,
                                                            Function<Throwable, JsonObject> recover) {
        Object returned;
        try {
            returned = invoker.invoke(args);
        } catch (Throwable t) {
            try {
                return CompletableFuture.completedFuture(recover.apply(t));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (returned instanceof CompletionStage<?> stage) {
            return stage.handle((value, error) -> error != null ? recover.apply(error) : convert.apply(value));
        }
        return CompletableFuture.completedFuture(convert.apply(returned));
    }

    /**
     * The class of what a method with {@code returnType} gives its caller: the type argument of a
     * {@code CompletionStage}, else the return type itself; {@code Object} when it is no class (deploy-time checks).
     */
    public static Class<?> resultClass(Type returnType) {
        Type t = returnType;
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw
                && CompletionStage.class.isAssignableFrom(raw)) {
            t = pt.getActualTypeArguments()[0];
        }
        return t instanceof Class<?> c ? c : t instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : Object.class;
    }

    /** The exception (cause) application code threw, without reflection or completion wrappers. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof InvocationTargetException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The common mapping: {@link InvalidParamsException} as -32602 with its message, the rest as {@link #error}
     * answers it with -32603 "Internal error".
     *
     * @param what names the code for the log, e.g. {@code prompt 'review'}
     */
    public static RuntimeException failure(Throwable thrown, RequestContext ctx, Messages message, String what) {
        Throwable t = unwrap(thrown);
        if (t instanceof InvalidParamsException e) {
            return McpException.invalidParams(e.getMessage() == null ? "Invalid params" : e.getMessage());
        }
        return error(t, ctx, message, what, "Internal error");
    }

    /**
     * What every feature does with an exception it has no own answer for: {@link McpException} as is, cancellation as
     * cancellation (nothing is sent), {@link dev.mcpws.api.ClientRequestException} as -32603 with its message, anything
     * else logged as {@code message} and answered with -32603 {@code internalError}, without details.
     */
    public static RuntimeException error(Throwable thrown, RequestContext ctx, Messages message, String what,
                                         String internalError) {
        Throwable t = unwrap(thrown);
        if (t instanceof McpException e) {
            return e;
        }
        if (ctx.cancellation().isCancelled() || t instanceof Cancellation.CancelledException) {
            return new Cancellation.CancelledException(ctx.cancellation().reason());
        }
        if (t instanceof dev.mcpws.api.ClientRequestException e) {
            return new McpException(ErrorCodes.INTERNAL_ERROR, e.getMessage());
        }
        message.log(LOG, t, what, ctx.id(), ctx.connectionId());
        return new McpException(ErrorCodes.INTERNAL_ERROR, internalError);
    }
}
