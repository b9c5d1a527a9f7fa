package dev.mcpws.prompts;

import dev.mcpws.api.Prompt;
import dev.mcpws.api.PromptArg;
import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import dev.mcpws.features.Helper;
import dev.mcpws.features.Invoker;
import dev.mcpws.features.Outcomes;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a {@link Prompt} method into a {@link PromptDefinition}. Runs at deploy time. */
public final class PromptIntrospector {

    private PromptIntrospector() {
    }

    /** One parameter: a helper, or an argument (bound to a String, or an Optional of one). */
    private record Param(Helper helper, String argument, boolean optional) {
    }

    public static PromptDefinition fromMethod(Method method, Invoker invoker) {
        Prompt prompt = method.getAnnotation(Prompt.class);
        if (prompt == null) {
            throw new IllegalArgumentException(method + " is not annotated with @Prompt");
        }
        String name = prompt.name().isBlank() ? method.getName() : prompt.name();
        String where = "Prompt '" + name + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        List<Param> params = new ArrayList<>();
        List<PromptDefinition.Argument> arguments = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Helper helper = Helper.of(p.getType());
            if (helper != null) {
                params.add(new Param(helper, null, false));
                continue;
            }
            boolean optional = isOptionalString(p.getParameterizedType());
            if (p.getType() != String.class && !optional) {
                throw new IllegalArgumentException(where + ": parameter " + p.getName() + " has type "
                        + p.getParameterizedType().getTypeName() + "; prompt arguments are String or Optional<String>");
            }
            PromptArg arg = p.getAnnotation(PromptArg.class);
            String argName = arg != null && !arg.name().isBlank() ? arg.name() : p.getName();
            if (!p.isNamePresent() && (arg == null || arg.name().isBlank())) {
                throw new IllegalArgumentException(where + ": parameter " + p.getName()
                        + " has no name; compile with -parameters or use @PromptArg(name = ...)");
            }
            boolean required = !optional && (arg == null || arg.required());
            arguments.add(new PromptDefinition.Argument(argName, arg == null ? null : arg.description(), required));
            params.add(new Param(null, argName, optional));
        }
        checkReturnType(method.getGenericReturnType(), where);
        List<Param> ps = List.copyOf(params);
        try {
            return new PromptDefinition(name, prompt.title(), prompt.description(), arguments, (args, ctx) -> {
                Object[] bound = new Object[ps.size()];
                for (int i = 0; i < bound.length; i++) {
                    Param p = ps.get(i);
                    if (p.helper() != null) {
                        bound[i] = p.helper().value(ctx);
                    } else {
                        String v = args.get(p.argument());
                        bound[i] = p.optional() ? Optional.ofNullable(v) : v;
                    }
                }
                return invoker.invoke(bound);
            }).presentation(dev.mcpws.features.Presentation.of(prompt.icons()))
                    .access(dev.mcpws.features.Access.of(method, prompt.scopes()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOptionalString(Type t) {
        return t instanceof ParameterizedType pt && pt.getRawType() == Optional.class
                && pt.getActualTypeArguments()[0] == String.class;
    }

    private static void checkReturnType(Type returnType, String where) {
        Class<?> raw = Outcomes.resultClass(returnType);
        if (raw != String.class && raw != PromptMessage.class && raw != PromptResult.class && raw != List.class
                && raw != Object.class) {
            throw new IllegalArgumentException(where + ": return type " + returnType.getTypeName() + " is not "
                    + "supported; return String, PromptMessage, List<PromptMessage> or PromptResult");
        }
    }
}
