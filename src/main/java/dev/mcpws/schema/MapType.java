package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Map<String,V>} and maps keyed by an enum: {@code {"type":"object","additionalProperties":V}}, enum keys
 * adding {@code "propertyNames":{"enum":[...]}}. Bound to {@code LinkedHashMap} ({@code TreeMap} for sorted maps).
 */
final class MapType extends BaseType {

    private final EnumType keys;
    private final JsonType values;
    private final boolean sorted;

    /** @param keys the enum key type, or null for String keys */
    MapType(EnumType keys, JsonType values, boolean sorted) {
        this.keys = keys;
        this.values = values;
        this.sorted = sorted;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        JsonObjectBuilder b = Json.object().add("type", "object").add("additionalProperties", ctx.schemaOf(values));
        if (keys != null) {
            b.add("propertyNames", Json.object().add("enum", Json.strings(keys.names())));
        }
        return b.build();
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw mismatch(path, "object", v);
        }
        JsonObject o = (JsonObject) v;
        Map<Object, Object> result = sorted ? new TreeMap<>() : new LinkedHashMap<>(Math.max(16, o.size() * 4 / 3 + 1));
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            Object key = e.getKey();
            if (keys != null) {
                key = keys.constant(e.getKey());
                if (key == null) {
                    throw new InvalidValueException(path,
                            "invalid key " + Json.quote(e.getKey()) + ": expected one of " + keys.names());
                }
            }
            result.put(key, values.fromJson(e.getValue(), Paths.property(path, e.getKey())));
        }
        return result;
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder b = Json.object();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            Object k = e.getKey();
            if (k == null) {
                throw new IllegalArgumentException("a map with a null key cannot be written as JSON");
            }
            b.add(keys != null ? keys.jsonName(k) : k.toString(), values.toJson(e.getValue()));
        }
        return b.build();
    }
}
