package dev.mcpws.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * JSON-P types, bound as-is: {@link JsonValue} ({@code {}}, anything including null), {@link JsonObject},
 * {@link JsonArray}, {@link JsonStructure} (object or array), {@link JsonString}, {@link JsonNumber}.
 */
final class JsonValueType extends BaseType {

    private static final Map<Class<?>, JsonValueType> TYPES = Map.of(
            JsonValue.class, new JsonValueType(Json.EMPTY, EnumSet.allOf(JsonValue.ValueType.class), "any value"),
            JsonObject.class, new JsonValueType(Json.type("object"), EnumSet.of(JsonValue.ValueType.OBJECT), "object"),
            JsonArray.class, new JsonValueType(Json.type("array"), EnumSet.of(JsonValue.ValueType.ARRAY), "array"),
            JsonStructure.class, new JsonValueType(
                    Json.object().add("type", Json.array().add("object").add("array")).build(),
                    EnumSet.of(JsonValue.ValueType.OBJECT, JsonValue.ValueType.ARRAY), "object or array"),
            JsonString.class, new JsonValueType(Json.type("string"), EnumSet.of(JsonValue.ValueType.STRING), "string"),
            JsonNumber.class, new JsonValueType(Json.type("number"), EnumSet.of(JsonValue.ValueType.NUMBER), "number"));

    private final JsonObject schema;
    private final Set<JsonValue.ValueType> accepted;
    private final String expected;

    private JsonValueType(JsonObject schema, Set<JsonValue.ValueType> accepted, String expected) {
        this.schema = schema;
        this.accepted = accepted;
        this.expected = expected;
    }

    /** The type for a JSON-P interface, or null. */
    static JsonValueType forClass(Class<?> cls) {
        return TYPES.get(cls);
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return schema;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (!accepted.contains(v.getValueType())) {
            throw mismatch(path, expected, v);
        }
        return v;
    }

    @Override
    public JsonValue toJson(Object value) {
        return value == null ? JsonValue.NULL : (JsonValue) value;
    }
}
