package dev.mcpws.schema;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Java types to {@link JsonType}s: JSON Schema 2020-12 plus binding and writing.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>Java</th><th>Schema</th></tr>
 * <tr><td>boolean, Boolean</td><td>{@code {"type":"boolean"}}</td></tr>
 * <tr><td>byte, short, int, long (+ boxes)</td><td>{@code {"type":"integer","minimum":..,"maximum":..}}</td></tr>
 * <tr><td>BigInteger</td><td>{@code {"type":"integer"}}</td></tr>
 * <tr><td>float, double (+ boxes), BigDecimal</td><td>{@code {"type":"number"}}</td></tr>
 * <tr><td>String; char, Character</td><td>{@code {"type":"string"}}; plus {@code minLength}/{@code maxLength} 1</td></tr>
 * <tr><td>UUID, URI, LocalDate, OffsetDateTime/Instant/ZonedDateTime, OffsetTime, Duration/Period</td>
 *     <td>string with format uuid, uri, date, date-time, time, duration</td></tr>
 * <tr><td>LocalDateTime, LocalTime</td><td>{@code {"type":"string"}}</td></tr>
 * <tr><td>enum</td><td>{@code {"type":"string","enum":[...]}} ({@code @JsonbProperty} renames constants)</td></tr>
 * <tr><td>List/Collection/Iterable, arrays; Set, SortedSet</td>
 *     <td>{@code {"type":"array","items":..}}; sets add {@code "uniqueItems":true}</td></tr>
 * <tr><td>Map&lt;String,V&gt;, Map&lt;Enum,V&gt;</td>
 *     <td>{@code {"type":"object","additionalProperties":V}} (enum keys add {@code propertyNames})</td></tr>
 * <tr><td>Optional&lt;T&gt;, OptionalInt/Long/Double</td><td>the schema of T; not required in objects</td></tr>
 * <tr><td>JsonValue, JsonObject, JsonArray, JsonStructure, JsonString, JsonNumber</td>
 *     <td>{@code {}}, {@code {"type":"object"}}, ... (bound as-is)</td></tr>
 * <tr><td>Object</td><td>{@code {}} (bound to String, Long/BigDecimal, Boolean, List, Map, null)</td></tr>
 * <tr><td>record</td><td>object of its components (declaration order), all required but Optional ones,
 *     {@code "additionalProperties":false}</td></tr>
 * <tr><td>POJO</td><td>object of its fields and getter/setter pairs (alphabetical), primitive ones required,
 *     {@code "additionalProperties":false}</td></tr>
 * </table>
 * Interfaces, abstract classes and other JDK classes are rejected with an {@link IllegalArgumentException} when the
 * model is built. {@code @Description} on a type or property becomes {@code "description"}.
 *
 * <p><b>Recursive types.</b> Records and POJOs are inlined where they are used. Where a type refers to itself
 * (directly, e.g. {@code record Node(String name, List<Node> children)}, or through other types), the recursion point
 * becomes a {@code $ref}: {@code {"$ref":"#"}} when the recursive type is the root of the schema document, otherwise
 * {@code {"$ref":"#/$defs/Node"}} with the definition added under {@code "$defs"} at the document root. Every schema
 * returned ({@link JsonType#schema()}, {@link #objectSchema(List)}) is therefore a complete document whose refs
 * resolve; do not embed it elsewhere without moving its {@code $defs} to the new root ({@link #objectSchema(List)}
 * does that for the JSON types given to it). The models themselves form a cyclic graph, so binding and writing
 * follow recursion to any depth.
 *
 * <p>Models are built once per type, under a lock, and cached in a {@link ConcurrentHashMap}; lookups are lock-free.
 */
public final class JsonTypes {

    private static final ConcurrentHashMap<Type, JsonType> CACHE = new ConcurrentHashMap<>();
    private static final Object BUILD_LOCK = new Object();

    private JsonTypes() {
    }

    /**
     * The JSON model of {@code type} (a {@code Class}, {@code ParameterizedType}, {@code GenericArrayType}, ...),
     * built on first use and cached.
     *
     * @throws IllegalArgumentException when the type (or a type it contains) has no JSON mapping
     */
    public static JsonType of(Type type) {
        Objects.requireNonNull(type, "type");
        JsonType t = CACHE.get(type);
        if (t != null) {
            return t;
        }
        synchronized (BUILD_LOCK) {
            t = CACHE.get(type);
            if (t != null) {
                return t;
            }
            TypeBuilder builder = new TypeBuilder(CACHE);
            t = builder.of(type);
            t.schema();
            CACHE.putAll(builder.built());
            CACHE.putIfAbsent(type, t);
            return t;
        }
    }

    /**
     * {@code {"type":"object","properties":{...},"required":[...]}} ({@code required} omitted when empty), e.g. a
     * tool's {@code inputSchema}. Each property schema gets the property's {@code description} and {@code default}
     * when given; {@code $defs} needed by recursive types are collected at the root.
     *
     * @throws IllegalArgumentException when two properties have the same name
     */
    public static JsonObject objectSchema(List<Property> properties) {
        SchemaContext ctx = new SchemaContext(null);
        JsonObjectBuilder props = Json.object();
        JsonArrayBuilder required = Json.array();
        boolean anyRequired = false;
        Set<String> names = new HashSet<>();
        for (Property p : properties) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two properties are named '" + p.name() + "'");
            }
            JsonObject s = ctx.schemaOf(p.type());
            if (p.description() != null && !p.description().isEmpty()) {
                s = Json.with(s, "description", Json.string(p.description()));
            }
            if (p.defaultValue() != null) {
                s = Json.with(s, "default", p.defaultValue());
            }
            props.add(p.name(), s);
            if (p.required()) {
                required.add(p.name());
                anyRequired = true;
            }
        }
        JsonObjectBuilder b = Json.object().add("type", "object").add("properties", props);
        if (anyRequired) {
            b.add("required", required);
        }
        return ctx.finish(b.build());
    }

    /**
     * One property of {@link #objectSchema(List)}.
     *
     * @param description  may be null
     * @param defaultValue may be null; when present it is written as the property's {@code "default"}
     */
    public record Property(String name, JsonType type, String description, boolean required, JsonValue defaultValue) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
