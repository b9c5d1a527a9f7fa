package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** {@code String}: {@code {"type":"string"}}. */
final class StringType extends BaseType {

    static final StringType INSTANCE = new StringType();

    private static final JsonObject SCHEMA = Json.type("string");

    private StringType() {
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return SCHEMA;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw mismatch(path, "string", v);
        }
        return ((JsonString) v).getString();
    }

    @Override
    public JsonValue toJson(Object value) {
        return value == null ? JsonValue.NULL : Json.string((String) value);
    }
}
