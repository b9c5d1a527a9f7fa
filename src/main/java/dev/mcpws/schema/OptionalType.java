package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code Optional<T>}, {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}: the schema of the
 * content type; JSON null (or absence, see {@link #absentValue()}) binds to the empty optional, and an empty optional
 * is written as null (object models leave it out instead).
 */
final class OptionalType extends BaseType {

    enum Kind { OPTIONAL, INT, LONG, DOUBLE }

    static final OptionalType INT = new OptionalType(Kind.INT, IntegerType.INT);
    static final OptionalType LONG = new OptionalType(Kind.LONG, IntegerType.LONG);
    static final OptionalType DOUBLE = new OptionalType(Kind.DOUBLE, NumberType.DOUBLE);

    private final Kind kind;
    private final JsonType content;

    OptionalType(Kind kind, JsonType content) {
        this.kind = kind;
        this.content = content;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return ctx.schemaOf(content);
    }

    @Override
    public boolean isOptional() {
        return true;
    }

    @Override
    public Object absentValue() {
        switch (kind) {
            case INT:
                return OptionalInt.empty();
            case LONG:
                return OptionalLong.empty();
            case DOUBLE:
                return OptionalDouble.empty();
            default:
                return Optional.empty();
        }
    }

    @Override
    boolean isAbsent(Object value) {
        if (value == null) {
            return true;
        }
        switch (kind) {
            case INT:
                return ((OptionalInt) value).isEmpty();
            case LONG:
                return ((OptionalLong) value).isEmpty();
            case DOUBLE:
                return ((OptionalDouble) value).isEmpty();
            default:
                return ((Optional<?>) value).isEmpty();
        }
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return absentValue();
        }
        Object c = content.fromJson(v, path);
        switch (kind) {
            case INT:
                return OptionalInt.of((Integer) c);
            case LONG:
                return OptionalLong.of((Long) c);
            case DOUBLE:
                return OptionalDouble.of((Double) c);
            default:
                return Optional.ofNullable(c);
        }
    }

    @Override
    public JsonValue toJson(Object value) {
        if (isAbsent(value)) {
            return JsonValue.NULL;
        }
        switch (kind) {
            case INT:
                return content.toJson(((OptionalInt) value).getAsInt());
            case LONG:
                return content.toJson(((OptionalLong) value).getAsLong());
            case DOUBLE:
                return content.toJson(((OptionalDouble) value).getAsDouble());
            default:
                return content.toJson(((Optional<?>) value).get());
        }
    }
}
