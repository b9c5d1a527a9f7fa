package dev.mcpws.schema;

import dev.mcpws.api.Description;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum: {@code {"type":"string","enum":[names]}}; a constant's JSON name is its {@code @JsonbProperty} value if
 * present, else its Java name. A type-level {@code @Description} becomes the schema's {@code description}.
 */
final class EnumType extends BaseType {

    private final Class<?> enumClass;
    private final Map<String, Object> byName = new HashMap<>();
    private final JsonString[] jsonNames;
    private final List<String> names = new ArrayList<>();
    private final JsonObject schema;
    private final String expected;

    EnumType(Class<?> enumClass) {
        this.enumClass = enumClass;
        Object[] constants = enumClass.getEnumConstants();
        this.jsonNames = new JsonString[constants.length];
        for (Object c : constants) {
            Enum<?> e = (Enum<?>) c;
            String name = e.name();
            try {
                JsonbProperty p = enumClass.getField(e.name()).getAnnotation(JsonbProperty.class);
                if (p != null && !p.value().isEmpty()) {
                    name = p.value();
                }
            } catch (NoSuchFieldException ignored) {
                // cannot happen for an enum constant
            }
            if (byName.put(name, c) != null) {
                throw new IllegalArgumentException("enum " + enumClass.getName() + " has two constants named '"
                        + name + "' in JSON");
            }
            jsonNames[e.ordinal()] = Json.string(name);
            names.add(name);
        }
        JsonObjectBuilder b = Json.object().add("type", "string");
        Description d = enumClass.getAnnotation(Description.class);
        if (d != null && !d.value().isEmpty()) {
            b.add("description", d.value());
        }
        this.schema = b.add("enum", Json.strings(names)).build();
        this.expected = "one of " + names;
    }

    List<String> names() {
        return names;
    }

    /** The constant with JSON name {@code name}, or null. */
    Object constant(String name) {
        return byName.get(name);
    }

    /** The JSON name of a constant. */
    String jsonName(Object constant) {
        return jsonNames[((Enum<?>) enumClass.cast(constant)).ordinal()].getString();
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return schema;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() == JsonValue.ValueType.STRING) {
            Object c = byName.get(((JsonString) v).getString());
            if (c != null) {
                return c;
            }
        }
        throw mismatch(path, expected, v);
    }

    @Override
    public JsonValue toJson(Object value) {
        return value == null ? JsonValue.NULL : jsonNames[((Enum<?>) enumClass.cast(value)).ordinal()];
    }
}
