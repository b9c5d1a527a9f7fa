package dev.mcpws.schema;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code byte}, {@code short}, {@code int}, {@code long} (and their boxes) with their bounds as
 * {@code minimum}/{@code maximum}, and unbounded {@link BigInteger}. Integral numbers written with a fraction or an
 * exponent ({@code 2.0}, {@code 1e3}) are accepted; {@code 1.5} and out-of-range values are not.
 */
final class IntegerType extends BaseType {

    enum Kind {
        BYTE(Byte.MIN_VALUE, Byte.MAX_VALUE),
        SHORT(Short.MIN_VALUE, Short.MAX_VALUE),
        INT(Integer.MIN_VALUE, Integer.MAX_VALUE),
        LONG(Long.MIN_VALUE, Long.MAX_VALUE),
        BIG_INTEGER(0, 0);

        final long min;
        final long max;
        final BigDecimal minDecimal;
        final BigDecimal maxDecimal;

        Kind(long min, long max) {
            this.min = min;
            this.max = max;
            this.minDecimal = BigDecimal.valueOf(min);
            this.maxDecimal = BigDecimal.valueOf(max);
        }

        boolean bounded() {
            return this != BIG_INTEGER;
        }
    }

    /** Largest number of integer digits accepted for a BigInteger (guards against {@code 1e1000000000}). */
    private static final int MAX_DIGITS = 4096;

    static final IntegerType BYTE = new IntegerType(Kind.BYTE);
    static final IntegerType SHORT = new IntegerType(Kind.SHORT);
    static final IntegerType INT = new IntegerType(Kind.INT);
    static final IntegerType LONG = new IntegerType(Kind.LONG);
    static final IntegerType BIG_INTEGER = new IntegerType(Kind.BIG_INTEGER);

    private final Kind kind;
    private final JsonObject schema;
    private final String expected;

    private IntegerType(Kind kind) {
        this.kind = kind;
        if (kind.bounded()) {
            this.schema = Json.object().add("type", "integer").add("minimum", kind.min).add("maximum", kind.max).build();
            this.expected = "integer in range " + kind.min + ".." + kind.max;
        } else {
            this.schema = Json.type("integer");
            this.expected = "integer";
        }
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return schema;
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            throw mismatch(path, "integer", v);
        }
        JsonNumber n = (JsonNumber) v;
        BigDecimal d = n.bigDecimalValue();
        if (kind.bounded()) {
            if (d.compareTo(kind.minDecimal) < 0 || d.compareTo(kind.maxDecimal) > 0) {
                if (!isIntegral(d)) {
                    throw mismatch(path, "integer", v);
                }
                throw mismatch(path, expected, v);
            }
            if (!isIntegral(d)) {
                throw mismatch(path, "integer", v);
            }
            long l = d.longValue();
            switch (kind) {
                case BYTE:
                    return (byte) l;
                case SHORT:
                    return (short) l;
                case INT:
                    return (int) l;
                default:
                    return l;
            }
        }
        if (!isIntegral(d)) {
            throw mismatch(path, "integer", v);
        }
        if (d.precision() - d.scale() > MAX_DIGITS) {
            throw new InvalidValueException(path, "integer too large (more than " + MAX_DIGITS + " digits)");
        }
        return d.toBigIntegerExact();
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof BigInteger) {
            return Json.PROVIDER.createValue((BigInteger) value);
        }
        return Json.PROVIDER.createValue(((Number) value).longValue());
    }
}
