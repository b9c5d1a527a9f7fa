package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** {@code boolean} / {@code Boolean}: only JSON {@code true} and {@code false}. */
final class BooleanType extends BaseType {

    static final BooleanType INSTANCE = new BooleanType();

    private static final JsonObject SCHEMA = Json.type("boolean");

    private BooleanType() {
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return SCHEMA;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v == JsonValue.TRUE || v.getValueType() == JsonValue.ValueType.TRUE) {
            return Boolean.TRUE;
        }
        if (v == JsonValue.FALSE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return Boolean.FALSE;
        }
        throw mismatch(path, "boolean", v);
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        return (Boolean) value ? JsonValue.TRUE : JsonValue.FALSE;
    }
}
