package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The JSON model of one Java type: its JSON Schema, and how JSON values are validated and bound to Java values
 * and back. Obtain instances from {@link JsonTypes#of(java.lang.reflect.Type)}; they are immutable and thread-safe.
 */
public interface JsonType {

    /**
     * The JSON Schema 2020-12 of this type, without a {@code "$schema"} key. It is a complete document: when the type
     * is recursive it carries the {@code "$defs"} its {@code "$ref"}s point to (see {@link JsonTypes}). Built once.
     */
    JsonObject schema();

    /**
     * Validates {@code value} and binds it to a Java value of this type.
     *
     * @param value the JSON value, never Java {@code null} (JSON null is {@link JsonValue#NULL})
     * @param path  where the value is, for error messages (e.g. {@code "arguments.point"}); may be empty
     * @throws InvalidValueException when the value does not match this type; its path points at the offending value
     */
    Object fromJson(JsonValue value, String path) throws InvalidValueException;

    /** Writes a Java value of this type as JSON; Java {@code null} becomes {@link JsonValue#NULL}. */
    JsonValue toJson(Object value);

    /** True for {@code Optional<T>}, {@code OptionalInt}, {@code OptionalLong} and {@code OptionalDouble}. */
    boolean isOptional();

    /**
     * The value to use when an optional argument or property is absent: {@code Optional.empty()},
     * {@code OptionalInt.empty()} etc. for optional types, {@code null} for every other type (for a primitive without a
     * default the caller decides).
     */
    Object absentValue();
}
