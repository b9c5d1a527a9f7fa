package dev.mcpws.resources;

import dev.mcpws.api.McpResource;
import dev.mcpws.api.ResourceContents;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.features.Helper;
import dev.mcpws.features.Invoker;
import dev.mcpws.features.Outcomes;
import dev.mcpws.features.Access;
import dev.mcpws.features.Presentation;
import dev.mcpws.protocol.Json2;
import dev.mcpws.schema.InvalidValueException;
import dev.mcpws.schema.JsonType;
import dev.mcpws.schema.JsonTypes;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@link McpResource} and {@link ResourceTemplate} methods into definitions: checks the parameters and the
 * return type, and builds the reader that binds template variables to typed parameters. Runs at deploy time.
 */
public final class ResourceIntrospector {

    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private ResourceIntrospector() {
    }

    /** One parameter: a server helper, or a template variable converted to {@code type}. */
    private record Param(Helper helper, String variable, JsonType type, String schemaType, boolean primitive) {
    }

    public static ResourceDefinition resource(Method method, Invoker invoker) {
        McpResource r = method.getAnnotation(McpResource.class);
        if (r == null) {
            throw new IllegalArgumentException(method + " is not annotated with @McpResource");
        }
        String where = "Resource '" + r.uri() + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
        List<Param> params = params(method, List.of(), where);
        checkReturnType(method.getGenericReturnType(), where);
        try {
            return new ResourceDefinition(r.uri(), r.name().isBlank() ? method.getName() : r.name(), r.title(),
                    r.description(), r.mimeType(), r.size() < 0 ? null : r.size(), reader(params, invoker))
                    .presentation(Presentation.of(r.icons(), r.audience(), r.priority(), r.lastModified()))
                    .access(Access.of(method, r.scopes()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public static TemplateDefinition template(Method method, Invoker invoker) {
        ResourceTemplate t = method.getAnnotation(ResourceTemplate.class);
        if (t == null) {
            throw new IllegalArgumentException(method + " is not annotated with @ResourceTemplate");
        }
        String where = "Resource template '" + t.uriTemplate() + "' (" + method.getDeclaringClass().getName() + "."
                + method.getName() + ")";
        UriTemplate parsed;
        try {
            parsed = UriTemplate.parse(t.uriTemplate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        List<Param> params = params(method, parsed.variables(), where);
        checkReturnType(method.getGenericReturnType(), where);
        try {
            return new TemplateDefinition(t.uriTemplate(), t.name().isBlank() ? method.getName() : t.name(), t.title(),
                    t.description(), t.mimeType(), reader(params, invoker))
                    .presentation(Presentation.of(t.icons(), t.audience(), t.priority(), ""))
                    .access(Access.of(method, t.scopes()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<Param> params(Method method, List<String> variables, String where) {
        List<Param> params = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Helper helper = Helper.of(p.getType());
            if (helper != null) {
                params.add(new Param(helper, null, null, null, false));
                continue;
            }
            if (variables.isEmpty()) {
                throw new IllegalArgumentException(where + ": parameter " + p.getName() + " of type "
                        + p.getType().getSimpleName() + " is not allowed; a resource method takes only RequestInfo, "
                        + "Cancellation, Progress, Elicitation, Sampling and Roots");
            }
            if (!p.isNamePresent()) {
                throw new IllegalArgumentException(where + ": parameter " + p.getName()
                        + " has no name; compile with -parameters");
            }
            if (!variables.contains(p.getName())) {
                throw new IllegalArgumentException(where + ": parameter '" + p.getName()
                        + "' is not a variable of the template " + variables);
            }
            params.add(variable(p.getName(), p.getParameterizedType(), where));
        }
        return params;
    }

    private static Param variable(String name, Type type, String where) {
        JsonType jsonType;
        try {
            jsonType = JsonTypes.of(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": variable '" + name + "': " + e.getMessage(), e);
        }
        String schemaType = jsonType.schema().getString("type", "");
        if (!SCALARS.contains(schemaType)) {
            throw new IllegalArgumentException(where + ": variable '" + name + "' has type " + type.getTypeName()
                    + "; template variables bind to strings, numbers, booleans, enums and other string-like types");
        }
        return new Param(null, name, jsonType, schemaType, type instanceof Class<?> c && c.isPrimitive());
    }

    private static void checkReturnType(Type returnType, String where) {
        Class<?> raw = Outcomes.resultClass(returnType);
        if (raw != String.class && raw != byte[].class && raw != ResourceContents.class && raw != Object.class
                && raw != List.class) {
            throw new IllegalArgumentException(where + ": return type " + returnType.getTypeName() + " is not "
                    + "supported; return String, byte[], ResourceContents or List<ResourceContents>");
        }
    }

    private static ResourceReader reader(List<Param> params, Invoker invoker) {
        List<Param> ps = List.copyOf(params);
        return (uri, variables, ctx) -> {
            Object[] args = new Object[ps.size()];
            for (int i = 0; i < args.length; i++) {
                Param p = ps.get(i);
                args[i] = p.helper() != null ? p.helper().value(ctx) : bind(p, variables.get(p.variable()));
            }
            return invoker.invoke(args);
        };
    }

    /**
     * Converts the decoded string of a variable to its parameter's type.
     *
     * @throws InvalidValueException when the string is not a value of the type (the URI names no resource)
     */
    static Object bind(Param p, String value) throws InvalidValueException {
        if (value == null) {
            Object absent = p.type().absentValue();
            if (absent == null && p.primitive()) {
                throw new InvalidValueException(p.variable(), "missing");
            }
            return absent;
        }
        return p.type().fromJson(json(p.schemaType(), value, p.variable()), p.variable());
    }

    private static JsonValue json(String schemaType, String value, String variable) throws InvalidValueException {
        switch (schemaType) {
            case "boolean":
                if ("true".equals(value)) {
                    return JsonValue.TRUE;
                }
                if ("false".equals(value)) {
                    return JsonValue.FALSE;
                }
                throw new InvalidValueException(variable, "expected true or false, got \"" + value + "\"");
            case "integer":
            case "number":
                try {
                    return Json2.PROVIDER.createValue(new BigDecimal(value));
                } catch (NumberFormatException e) {
                    throw new InvalidValueException(variable, "expected a number, got \"" + value + "\"");
                }
            default:
                return Json2.string(value);
        }
    }
}
