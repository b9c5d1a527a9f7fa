package dev.mcpws.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.TreeSet;

/**
 * {@code List}/{@code Collection}/{@code Iterable} (bound to {@code ArrayList}), {@code Set} ({@code LinkedHashSet})
 * and {@code SortedSet}/{@code NavigableSet} ({@code TreeSet}): {@code {"type":"array","items":...}}, sets adding
 * {@code "uniqueItems":true} (so a duplicate item is rejected). Item errors carry the index: {@code tags[2]}.
 */
final class CollectionType extends BaseType {

    enum Kind { LIST, SET, SORTED_SET }

    private final Kind kind;
    private final JsonType items;

    CollectionType(Kind kind, JsonType items) {
        this.kind = kind;
        this.items = items;
    }

    @Override
    JsonObject buildSchema(SchemaContext ctx) {
        JsonObjectBuilder b = Json.object().add("type", "array").add("items", ctx.schemaOf(items));
        if (kind != Kind.LIST) {
            b.add("uniqueItems", true);
        }
        return b.build();
    }

    @Override
    public Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw mismatch(path, "array", v);
        }
        JsonArray a = (JsonArray) v;
        Collection<Object> result;
        switch (kind) {
            case SET:
                result = new LinkedHashSet<>(Math.max(16, a.size() * 4 / 3 + 1));
                break;
            case SORTED_SET:
                result = new TreeSet<>();
                break;
            default:
                result = new ArrayList<>(a.size());
        }
        for (int i = 0; i < a.size(); i++) {
            Object item = items.fromJson(a.get(i), Paths.index(path, i));
            if (!result.add(item)) {
                throw new InvalidValueException(Paths.index(path, i), "duplicate item " + Json.describe(a.get(i)));
            }
        }
        return result;
    }

    @Override
    public JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonArrayBuilder b = Json.array();
        for (Object item : (Iterable<?>) value) {
            b.add(items.toJson(item));
        }
        return b.build();
    }
}
