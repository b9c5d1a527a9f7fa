package dev.mcpws.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Object}: schema {@code {}}; JSON is bound to natural Java values: String, Long (integral numbers that fit)
 * or BigDecimal, Boolean, List, Map (LinkedHashMap), null. Writing looks at the runtime class of the value
 * (models of other classes come from the {@link JsonTypes} cache).
 */
final class AnyType extends BaseType {

    static final AnyType INSTANCE = new AnyType();

    private AnyType() {
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return Json.EMPTY;
    }

    @Override
    public Object fromJson(JsonValue value, String path) {
        return natural(nonNull(value));
    }

    static Object natural(JsonValue v) {
        switch (v.getValueType()) {
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER: {
                JsonNumber n = (JsonNumber) v;
                BigDecimal d = n.bigDecimalValue();
                if (n.isIntegral() && d.compareTo(IntegerType.Kind.LONG.minDecimal) >= 0
                        && d.compareTo(IntegerType.Kind.LONG.maxDecimal) <= 0) {
                    return d.longValueExact();
                }
                return d;
            }
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case ARRAY: {
                JsonArray a = (JsonArray) v;
                List<Object> list = new ArrayList<>(a.size());
                for (JsonValue item : a) {
                    list.add(natural(item));
                }
                return list;
            }
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
                    map.put(e.getKey(), natural(e.getValue()));
                }
                return map;
            }
            default:
                return null;
        }
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue) {
            return (JsonValue) value;
        }
        if (value instanceof String) {
            return Json.string((String) value);
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Json.PROVIDER.createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return Json.PROVIDER.createValue((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return NumberType.DOUBLE.toJson(value);
        }
        if (value instanceof Map) {
            JsonObjectBuilder b = Json.object();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getKey() == null) {
                    throw new IllegalArgumentException("a map with a null key cannot be written as JSON");
                }
                Object k = e.getKey();
                String key = k instanceof Enum
                        ? ((EnumType) JsonTypes.of(((Enum<?>) k).getDeclaringClass())).jsonName(k)
                        : k.toString();
                b.add(key, toJson(e.getValue()));
            }
            return b.build();
        }
        if (value instanceof Iterable) {
            JsonArrayBuilder a = Json.array();
            for (Object item : (Iterable<?>) value) {
                a.add(toJson(item));
            }
            return a.build();
        }
        if (value instanceof Optional) {
            return toJson(((Optional<?>) value).orElse(null));
        }
        if (value instanceof Enum) {
            Class<?> c = ((Enum<?>) value).getDeclaringClass();
            return JsonTypes.of(c).toJson(value);
        }
        return JsonTypes.of(value.getClass()).toJson(value);
    }
}
