package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Stands for an object model that is still being built when a recursive reference to it is met; its target is set
 * as soon as that model is complete (before anything is published), and every call is delegated to it.
 */
final class RefType extends BaseType {

    private final String typeName;
    private ObjectModel target;

    RefType(String typeName) {
        this.typeName = typeName;
    }

    void target(ObjectModel target) {
        this.target = target;
    }

    ObjectModel target() {
        if (target == null) {
            throw new IllegalStateException("model of " + typeName + " is not built");
        }
        return target;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        return ctx.schemaOf(target());
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        return target().fromJson(value, path);
    }

    @Override
    public JsonValue toJson(Object value) {
        return target().toJson(value);
    }

    @Override
    boolean isAbsent(Object value) {
        return target().isAbsent(value);
    }
}
