package dev.mcpws.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/** Small JSON-P helpers shared by the codec, the engine and the features. One provider, looked up once. */
public final class Json2 {

    public static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

    private Json2() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject copyOf) {
        return BUILDERS.createObjectBuilder(copyOf);
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    public static JsonString string(String s) {
        return PROVIDER.createValue(s);
    }

    public static JsonNumber number(long n) {
        return PROVIDER.createValue(n);
    }

    public static JsonNumber number(double n) {
        return PROVIDER.createValue(n);
    }

    /** {@code obj[key]} when it is an object, else an empty object. */
    public static JsonObject object(JsonObject obj, String key) {
        JsonValue v = obj == null ? null : obj.get(key);
        return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** {@code obj[key]} when it is an array, else null. */
    public static JsonArray arrayOrNull(JsonObject obj, String key) {
        JsonValue v = obj == null ? null : obj.get(key);
        return v instanceof JsonArray a ? a : null;
    }

    /** {@code obj[key]} when it is a string, else null. */
    public static String stringOrNull(JsonObject obj, String key) {
        JsonValue v = obj == null ? null : obj.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** Turns a request id into its JSON value. */
    public static JsonValue idValue(RequestId id) {
        return id.value() instanceof String s ? string(s) : number((Long) id.value());
    }

    /** Reads a JSON value as a request id: a string or an integral number; null for anything else. */
    public static RequestId idOrNull(JsonValue v) {
        if (v instanceof JsonString s) {
            return RequestId.of(s.getString());
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return RequestId.of(n.longValueExact());
            } catch (ArithmeticException tooBig) {
                return null;
            }
        }
        return null;
    }
}
