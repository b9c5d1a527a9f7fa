package dev.mcpws.tools;

import dev.mcpws.engine.RequestContext;
import dev.mcpws.schema.InvalidValueException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** Validates {@code arguments} against a tool's parameters and binds them to Java values. */
final class ArgumentBinder {

    private ArgumentBinder() {
    }

    static Object[] bind(ToolDefinition tool, JsonObject arguments, RequestContext ctx) throws InvalidValueException {
        List<ToolParam> params = tool.params();
        Object[] bound = new Object[params.size()];
        int matched = 0;
        for (int i = 0; i < bound.length; i++) {
            ToolParam param = params.get(i);
            if (param instanceof ToolParam.Argument a) {
                {
                    JsonValue v = arguments.get(a.name());
                    if (v != null) {
                        matched++;
                    }
                    if (v == null || (v.getValueType() == JsonValue.ValueType.NULL && !a.required())) {
                        if (a.defaultValue() != null) {
                            bound[i] = a.defaultBound();
                        } else if (a.required()) {
                            throw new InvalidValueException(a.name(), "missing required argument");
                        } else {
                            bound[i] = a.type().absentValue();
                        }
                    } else {
                        bound[i] = a.type().fromJson(v, a.name());
                    }
                }
            } else if (param instanceof ToolParam.Helper h) {
                bound[i] = switch (h.kind()) {
                    case PROGRESS -> ctx.progress();
                    case CANCELLATION -> ctx.cancellation();
                    case REQUEST_INFO -> ctx;
                    case LOG -> dev.mcpws.logging.RequestLog.of(ctx);
                    case ELICITATION -> ctx.elicitation();
                    case SAMPLING -> ctx.sampling();
                    case ROOTS -> ctx.roots();
                    case TASK -> new ToolTaskControl(ctx, tool.taskSupport());
                };
            }
        }
        if (matched < arguments.size()) {
            for (String key : arguments.keySet()) {
                if (params.stream().noneMatch(p -> p instanceof ToolParam.Argument a && a.name().equals(key))) {
                    throw new InvalidValueException(key, "unknown argument");
                }
            }
        }
        return bound;
    }
}
