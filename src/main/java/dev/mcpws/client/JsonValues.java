package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns plain Java values (the arguments of a call) into JSON: no JSON-B needed on the client. */
final class JsonValues {

    private JsonValues() {
    }

    /** The objects in the array {@code o[key]} (other items skipped); empty when there is no such array. */
    static List<JsonObject> objects(JsonObject o, String key) {
        JsonArray array = Json2.arrayOrNull(o, key);
        return array == null ? List.of()
                : array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    static JsonObject object(Map<String, ?> map) {
        JsonObjectBuilder b = Json2.object();
        if (map != null) {
            map.forEach((k, v) -> b.add(k, of(v)));
        }
        return b.build();
    }

    /**
     * null, JsonValue, CharSequence, Boolean, integral and decimal numbers, enums (by name), Optional, Map (String
     * keys), Iterable and arrays. Anything else is refused: pass a {@link JsonValue} for it.
     */
    static JsonValue of(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof CharSequence s) {
            return Json2.string(s.toString());
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Json2.number(((Number) v).longValue());
        }
        if (v instanceof BigInteger n) {
            return Json2.PROVIDER.createValue(n);
        }
        if (v instanceof BigDecimal n) {
            return Json2.PROVIDER.createValue(n);
        }
        if (v instanceof Number n) {
            return Json2.number(n.doubleValue());
        }
        if (v instanceof Enum<?> e) {
            return Json2.string(e.name());
        }
        if (v instanceof Optional<?> o) {
            return of(o.orElse(null));
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Json2.object();
            m.forEach((k, x) -> b.add(String.valueOf(k), of(x)));
            return b.build();
        }
        if (v instanceof Iterable<?> it) {
            JsonArrayBuilder b = Json2.array();
            it.forEach(x -> b.add(of(x)));
            return b.build();
        }
        if (v instanceof Object[] a) {
            JsonArrayBuilder b = Json2.array();
            for (Object x : a) {
                b.add(of(x));
            }
            return b.build();
        }
        throw new IllegalArgumentException("Cannot turn a " + v.getClass().getName() + " into JSON: pass a JsonValue");
    }
}
