package dev.mcpws.schema;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * {@code float}, {@code double} (and boxes), {@link BigDecimal}: {@code {"type":"number"}}. NaN and infinities have
 * no JSON form: writing them throws {@link IllegalArgumentException}; numbers too large for a float/double are
 * rejected when binding.
 */
final class NumberType extends BaseType {

    enum Kind { FLOAT, DOUBLE, BIG_DECIMAL }

    static final NumberType FLOAT = new NumberType(Kind.FLOAT);
    static final NumberType DOUBLE = new NumberType(Kind.DOUBLE);
    static final NumberType BIG_DECIMAL = new NumberType(Kind.BIG_DECIMAL);

    private static final JsonObject SCHEMA = Json.type("number");

    private final Kind kind;

    private NumberType(Kind kind) {
        this.kind = kind;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return SCHEMA;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            throw mismatch(path, "number", v);
        }
        JsonNumber n = (JsonNumber) v;
        switch (kind) {
            case FLOAT: {
                float f = (float) n.doubleValue();
                if (Float.isInfinite(f)) {
                    throw mismatch(path, "number within float range", v);
                }
                return f;
            }
            case DOUBLE: {
                double d = n.doubleValue();
                if (Double.isInfinite(d)) {
                    throw mismatch(path, "number within double range", v);
                }
                return d;
            }
            default:
                return n.bigDecimalValue();
        }
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof BigDecimal) {
            return Json.PROVIDER.createValue((BigDecimal) value);
        }
        if (value instanceof Float) {
            float f = (Float) value;
            checkFinite(f);
            // via the shortest decimal form of the float, so 0.1f is written as 0.1 (not 0.10000000149011612)
            return Json.PROVIDER.createValue(new BigDecimal(Float.toString(f)));
        }
        double d = ((Number) value).doubleValue();
        checkFinite(d);
        return Json.PROVIDER.createValue(d);
    }

    private static void checkFinite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotRepresentableException(d + " cannot be written as JSON");
        }
    }
}
