package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** {@code char} / {@code Character}: a string of exactly one character. */
final class CharType extends BaseType {

    static final CharType INSTANCE = new CharType();

    private static final JsonObject SCHEMA =
            Json.object().add("type", "string").add("minLength", 1).add("maxLength", 1).build();

    private CharType() {
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return SCHEMA;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw mismatch(path, "string of one character", v);
        }
        String s = ((JsonString) v).getString();
        if (s.length() != 1) {
            throw mismatch(path, "string of one character", v);
        }
        return s.charAt(0);
    }

    @Override
    public JsonValue toJson(Object value) {
        return value == null ? JsonValue.NULL : Json.string(String.valueOf((char) (Character) value));
    }
}
