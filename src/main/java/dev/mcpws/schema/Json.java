package dev.mcpws.schema;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Collection;
import java.util.Map;

/** JSON-P plumbing shared by the package: one provider, one builder factory, small helpers. */
final class Json {

    static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    static final JsonObject EMPTY = BUILDERS.createObjectBuilder().build();

    private static final int MAX_SHOWN = 60;

    private Json() {
    }

    static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    static JsonObjectBuilder object(JsonObject base) {
        return BUILDERS.createObjectBuilder(base);
    }

    static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    static JsonString string(String s) {
        return PROVIDER.createValue(s);
    }

    static JsonObject type(String type) {
        return object().add("type", type).build();
    }

    static JsonValue strings(Collection<String> values) {
        JsonArrayBuilder a = array();
        values.forEach(a::add);
        return a.build();
    }

    /** {@code base} plus (or with a replaced) {@code key}. */
    static JsonObject with(JsonObject base, String key, JsonValue value) {
        return object(base).add(key, value).build();
    }

    /** A short description of a JSON value for error messages: {@code string "abc"}, {@code number 1.5}, ... */
    static String describe(JsonValue v) {
        if (v == null) {
            return "nothing";
        }
        switch (v.getValueType()) {
            case STRING:
                return "string " + shorten(v.toString());
            case NUMBER:
                return "number " + shorten(((JsonNumber) v).toString());
            case TRUE:
                return "boolean true";
            case FALSE:
                return "boolean false";
            case NULL:
                return "null";
            case OBJECT:
                return "object";
            case ARRAY:
                return "array";
            default:
                return v.getValueType().toString().toLowerCase();
        }
    }

    static String shorten(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }

    /** The text of a JSON string value quoted as JSON, for messages. */
    static String quote(String s) {
        return shorten(string(s).toString());
    }
}
