package dev.mcpws.schema;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON object with a fixed set of properties (records and POJOs):
 * {@code {"type":"object","description":...,"properties":{...},"required":[...],"additionalProperties":false}}.
 * Unknown properties and missing required ones are rejected; absent optional ones get their
 * {@link JsonType#absentValue()}. Properties whose value is absent (null, empty optional) are left out when writing,
 * except null values of required record components, which are written as null.
 */
abstract class ObjectModel extends BaseType {

    private final String typeName;
    private final String defName;
    private final String description;
    private ModelProperty[] properties = new ModelProperty[0];
    private Map<String, Integer> indexByName = Map.of();
    private String knownNames = "";

    ObjectModel(String typeName, String defName, String description) {
        this.typeName = typeName;
        this.defName = defName;
        this.description = description;
    }

    /** Sets the properties, once, while the model is built (before it is published). */
    final void properties(List<ModelProperty> props) {
        this.properties = props.toArray(new ModelProperty[0]);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < properties.length; i++) {
            if (map.put(properties[i].name, i) != null) {
                throw new IllegalArgumentException(
                        typeName + " has two properties named '" + properties[i].name + "' in JSON");
            }
        }
        this.indexByName = map;
        this.knownNames = Arrays.stream(properties).map(p -> p.name).collect(Collectors.joining(", "));
    }

    final ModelProperty[] propertyArray() {
        return properties;
    }

    final String typeName() {
        return typeName;
    }

    /** The preferred key of this model in {@code $defs}. */
    final String defName() {
        return defName;
    }

    /** Writes {@code null} for a null property value that is required (records) instead of leaving it out. */
    abstract boolean writesRequiredNulls();

    /** Creates the Java object; {@code values[i]} belongs to {@code propertyArray()[i]}. */
    abstract Object create(Object[] values, boolean[] present, String path) throws InvalidValueException;

    /** The object schema itself (called by {@link SchemaContext}, which handles recursion). */
    final JsonObject contentSchema(SchemaContext ctx) {
        JsonObjectBuilder b = Json.object().add("type", "object");
        if (description != null) {
            b.add("description", description);
        }
        JsonObjectBuilder props = Json.object();
        JsonArrayBuilder required = Json.array();
        boolean anyRequired = false;
        for (ModelProperty p : properties) {
            JsonObject s = ctx.schemaOf(p.type);
            if (p.description != null) {
                s = Json.with(s, "description", Json.string(p.description));
            }
            props.add(p.name, s);
            if (p.required) {
                required.add(p.name);
                anyRequired = true;
            }
        }
        b.add("properties", props);
        if (anyRequired) {
            b.add("required", required);
        }
        return b.add("additionalProperties", false).build();
    }

    @Override
    final JsonObject buildSchema(SchemaContext ctx) {
        return ctx.schemaOf(this);
    }

    @Override
    public final Object fromJson(JsonValue value, String path) throws InvalidValueException {
        JsonValue v = nonNull(value);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw mismatch(path, "object", v);
        }
        ModelProperty[] props = properties;
        Object[] values = new Object[props.length];
        boolean[] present = new boolean[props.length];
        for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
            Integer index = indexByName.get(e.getKey());
            if (index == null) {
                throw new InvalidValueException(path, "unknown property " + Json.quote(e.getKey())
                        + (props.length == 0 ? " (no properties are allowed)" : " (allowed: " + knownNames + ")"));
            }
            int i = index;
            ModelProperty p = props[i];
            values[i] = p.type.fromJson(e.getValue(), Paths.property(path, p.name));
            present[i] = true;
        }
        for (int i = 0; i < props.length; i++) {
            if (!present[i]) {
                if (props[i].required) {
                    throw new InvalidValueException(path, "missing required property '" + props[i].name + "'");
                }
                values[i] = props[i].type.absentValue();
            }
        }
        return create(values, present, path);
    }

    @Override
    public final JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder b = Json.object();
        for (ModelProperty p : properties) {
            Object v = p.get(value);
            boolean absent = p.type instanceof BaseType ? ((BaseType) p.type).isAbsent(v) : v == null;
            if (absent && !(v == null && p.required && writesRequiredNulls())) {
                continue;
            }
            b.add(p.name, p.type.toJson(v));
        }
        return b.build();
    }
}
