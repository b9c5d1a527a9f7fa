package dev.mcpws.tools;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Content;
import dev.mcpws.api.Description;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolResult;
import dev.mcpws.features.Invoker;
import dev.mcpws.protocol.Json2;
import dev.mcpws.schema.InvalidValueException;
import dev.mcpws.schema.JsonType;
import dev.mcpws.schema.JsonTypes;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Reads a {@link Tool} method into a {@link ToolDefinition}: names, argument types, schemas. Runs at deploy time. */
public final class ToolIntrospector {

    private ToolIntrospector() {
    }

    public static ToolDefinition fromMethod(Method method, Invoker invoker) {
        Tool tool = method.getAnnotation(Tool.class);
        if (tool == null) {
            throw new IllegalArgumentException(method + " is not annotated with @Tool");
        }
        String name = tool.name().isEmpty() ? method.getName() : tool.name();
        String where = "Tool '" + name + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        List<ToolParam> params = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            params.add(param(p, where));
        }
        Tool.Annotations a = tool.annotations();
        JsonObject annotations = a.declared()
                ? ToolDefinition.annotations(a.title(), a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint())
                : null;
        try {
            return new ToolDefinition(name, tool.title(), tool.description(), annotations, params,
                    outputType(method.getGenericReturnType()), invoker).timeoutMs(tool.timeoutMs())
                    .presentation(dev.mcpws.features.Presentation.of(tool.icons()))
                    .access(dev.mcpws.features.Access.of(method, tool.scopes()))
                    .taskSupport(tool.taskSupport())
                    .nonBlocking(tool.nonBlocking());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static ToolParam param(Parameter p, String where) {
        Class<?> type = p.getType();
        if (type == Progress.class) {
            return new ToolParam.Helper(ToolParam.Kind.PROGRESS);
        }
        if (type == Cancellation.class) {
            return new ToolParam.Helper(ToolParam.Kind.CANCELLATION);
        }
        if (type == RequestInfo.class) {
            return new ToolParam.Helper(ToolParam.Kind.REQUEST_INFO);
        }
        if (type == dev.mcpws.api.McpLog.class) {
            return new ToolParam.Helper(ToolParam.Kind.LOG);
        }
        if (type == dev.mcpws.api.Elicitation.class) {
            return new ToolParam.Helper(ToolParam.Kind.ELICITATION);
        }
        if (type == dev.mcpws.api.Sampling.class) {
            return new ToolParam.Helper(ToolParam.Kind.SAMPLING);
        }
        if (type == dev.mcpws.api.Roots.class) {
            return new ToolParam.Helper(ToolParam.Kind.ROOTS);
        }
        if (type == dev.mcpws.api.TaskControl.class) {
            return new ToolParam.Helper(ToolParam.Kind.TASK);
        }
        ToolArg arg = p.getAnnotation(ToolArg.class);
        String name = arg != null && !arg.name().isEmpty() ? arg.name() : p.getName();
        if (!p.isNamePresent() && (arg == null || arg.name().isEmpty())) {
            throw new IllegalArgumentException(where + ": parameter " + p.getName()
                    + " has no name; compile with -parameters or use @ToolArg(name = ...)");
        }
        String description = arg != null && !arg.description().isEmpty() ? arg.description()
                : p.isAnnotationPresent(Description.class) ? p.getAnnotation(Description.class).value() : null;
        String defaultJson = arg == null ? "" : arg.defaultValue();
        boolean required = arg == null || arg.required();
        return argument(name, p.getParameterizedType(), description, required, defaultJson, where);
    }

    /** Builds a typed argument; also used by the programmatic API. */
    static ToolParam.Argument argument(String name, Type type, String description, boolean required,
                                       String defaultJson, String where) {
        JsonType jsonType;
        try {
            jsonType = JsonTypes.of(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": argument '" + name + "': " + e.getMessage(), e);
        }
        JsonValue defaultValue = null;
        Object defaultBound = null;
        if (defaultJson != null && !defaultJson.isEmpty()) {
            try (var reader = Json2.PROVIDER.createReader(new StringReader(defaultJson))) {
                defaultValue = reader.readValue();
                defaultBound = jsonType.fromJson(defaultValue, name);
            } catch (JsonException | InvalidValueException e) {
                throw new IllegalArgumentException(where + ": argument '" + name + "': default value " + defaultJson
                        + " is not valid JSON of its type: " + e.getMessage(), e);
            }
        } else if (type instanceof Class<?> c && c.isPrimitive() && (!required || jsonType.isOptional())) {
            defaultBound = primitiveZero(c);
            defaultValue = jsonType.toJson(defaultBound);
        }
        boolean isRequired = required && defaultValue == null && !jsonType.isOptional();
        return new ToolParam.Argument(name, jsonType, description, isRequired, defaultValue, defaultBound);
    }

    private static Object primitiveZero(Class<?> c) {
        if (c == boolean.class) {
            return false;
        }
        if (c == char.class) {
            return '\0';
        }
        if (c == double.class) {
            return 0d;
        }
        if (c == float.class) {
            return 0f;
        }
        if (c == long.class) {
            return 0L;
        }
        if (c == int.class) {
            return 0;
        }
        if (c == short.class) {
            return (short) 0;
        }
        return (byte) 0;
    }

    /** The type of structured results: a record, POJO or Map returned (possibly inside a CompletionStage). */
    static JsonType outputType(Type returnType) {
        Type t = returnType;
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw
                && CompletionStage.class.isAssignableFrom(raw)) {
            t = pt.getActualTypeArguments()[0];
        }
        Class<?> raw = t instanceof Class<?> c ? c : t instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : Object.class;
        if (raw == void.class || raw == Void.class || raw == Object.class || raw == String.class
                || raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class
                || Content.class.isAssignableFrom(raw) || raw == ToolResult.class || Collection.class.isAssignableFrom(raw)
                || raw.isArray() || raw.isEnum() || raw.isInterface() && !Map.class.isAssignableFrom(raw)
                || JsonValue.class.isAssignableFrom(raw) || raw.getName().startsWith("java.")
                && !Map.class.isAssignableFrom(raw)) {
            return null;
        }
        return JsonTypes.of(t);
    }
}
