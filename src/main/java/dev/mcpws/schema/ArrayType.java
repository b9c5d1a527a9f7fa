package dev.mcpws.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Array;

/** Java arrays, primitive ones included: {@code {"type":"array","items":...}}. */
final class ArrayType extends BaseType {

    private final Class<?> componentClass;
    private final JsonType items;

    ArrayType(Class<?> componentClass, JsonType items) {
        this.componentClass = componentClass;
        this.items = items;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return Json.object().add("type", "array").add("items", ctx.schemaOf(items)).build();
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw mismatch(path, "array", v);
        }
        JsonArray a = (JsonArray) v;
        Object result = Array.newInstance(componentClass, a.size());
        for (int i = 0; i < a.size(); i++) {
            Array.set(result, i, items.fromJson(a.get(i), Paths.index(path, i)));
        }
        return result;
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonArrayBuilder b = Json.array();
        int n = Array.getLength(value);
        for (int i = 0; i < n; i++) {
            b.add(items.toJson(Array.get(value, i)));
        }
        return b.build();
    }
}
