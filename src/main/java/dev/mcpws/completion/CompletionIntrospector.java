package dev.mcpws.completion;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.CompletionContext;
import dev.mcpws.features.Completer;
import dev.mcpws.features.Helper;
import dev.mcpws.features.Invoker;
import dev.mcpws.features.Outcomes;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;

/** Reads a {@link CompletePrompt} or {@link CompleteResourceTemplate} method into a {@link Completer}. Runs at deploy time. */
public final class CompletionIntrospector {

    private CompletionIntrospector() {
    }

    /** What a completion method completes and how. */
    public record Found(boolean prompt, String ref, String argument, Completer completer, String where) {
    }

    public static Found fromMethod(Method method, Invoker invoker) {
        CompletePrompt cp = method.getAnnotation(CompletePrompt.class);
        CompleteResourceTemplate ct = method.getAnnotation(CompleteResourceTemplate.class);
        if ((cp == null) == (ct == null)) {
            throw new IllegalArgumentException(method + " needs exactly one of @CompletePrompt, @CompleteResourceTemplate");
        }
        String ref = cp != null ? cp.value() : ct.value();
        String declared = cp != null ? cp.argument() : ct.variable();
        String where = "Completion of " + (cp != null ? "prompt '" : "resource template '") + ref + "' ("
                + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        Parameter[] ps = method.getParameters();
        int valueIndex = -1;
        String argument = declared;
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            if (p.getType() == String.class && valueIndex < 0) {
                valueIndex = i;
                if (argument.isBlank()) {
                    if (!p.isNamePresent()) {
                        throw new IllegalArgumentException(where + ": parameter " + p.getName()
                                + " has no name; compile with -parameters or name the argument in the annotation");
                    }
                    argument = p.getName();
                }
            } else if (p.getType() != CompletionContext.class && Helper.of(p.getType()) == null) {
                throw new IllegalArgumentException(where + ": parameter " + p.getName() + " of type "
                        + p.getParameterizedType().getTypeName() + " is not allowed; a completion method takes the "
                        + "value (one String), and optionally CompletionContext, RequestInfo, Cancellation, Progress");
            }
        }
        if (valueIndex < 0) {
            throw new IllegalArgumentException(where + ": a completion method takes the value typed so far as a String parameter");
        }
        checkReturnType(method.getGenericReturnType(), where);
        int vi = valueIndex;
        Completer completer = (value, context, ctx) -> {
            Object[] args = new Object[ps.length];
            for (int i = 0; i < ps.length; i++) {
                Class<?> type = ps[i].getType();
                if (i == vi) {
                    args[i] = value;
                } else if (type == CompletionContext.class) {
                    args[i] = context;
                } else {
                    args[i] = Helper.of(type).value(ctx);
                }
            }
            return invoker.invoke(args);
        };
        return new Found(cp != null, ref, argument, completer, where);
    }

    private static void checkReturnType(Type returnType, String where) {
        Class<?> raw = Outcomes.resultClass(returnType);
        if (raw != List.class) {
            throw new IllegalArgumentException(where + ": return type " + returnType.getTypeName()
                    + " is not supported; return List<String>");
        }
    }
}
