package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Base of every model in this package. The schema is produced by a {@link SchemaContext} walk (so that recursive
 * types get {@code $ref}s and the document root gets the matching {@code $defs}) and memoized.
 */
abstract class BaseType implements JsonType {

    private volatile JsonObject schema;

    @Override
    public final JsonObject schema() {
        JsonObject s = schema;
        if (s == null) {
            s = SchemaContext.documentSchema(this);
            schema = s;
        }
        return s;
    }

    /**
     * This type's schema as a fragment of the document {@code ctx} is building; children are obtained with
     * {@link SchemaContext#schemaOf(JsonType)}.
     */
    abstract JsonObject buildSchema(SchemaContext ctx);

    @Override
    public boolean isOptional() {
        return false;
    }

    @Override
    public Object absentValue() {
        return null;
    }

    /** True when {@code value} should be left out of an object rather than written (null, or an empty optional). */
    boolean isAbsent(Object value) {
        return value == null;
    }

    static InvalidValueException mismatch(String path, String expected, JsonValue got) {
        return new InvalidValueException(path, "expected " + expected + ", got " + Json.describe(got));
    }

    static JsonValue nonNull(JsonValue value) {
        return value == null ? JsonValue.NULL : value;
    }
}
