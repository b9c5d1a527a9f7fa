package dev.mcpws.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds one schema document. Object models (records, POJOs) are inlined where they are used; a model met again
 * while its own schema is being written (a recursion) becomes {@code {"$ref":"#"}} when it is the document root, or
 * {@code {"$ref":"#/$defs/Name"}} otherwise, and {@link #finish(JsonObject)} then adds those definitions as
 * {@code "$defs"} at the document root. Foreign {@link JsonType}s have their own {@code "$defs"} hoisted.
 */
final class SchemaContext {

    private static final JsonObject REF_ROOT = Json.object().add("$ref", "#").build();

    private final ObjectModel rootModel;
    private final Set<ObjectModel> stack = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<ObjectModel, String> defNames = new IdentityHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final ArrayDeque<ObjectModel> pending = new ArrayDeque<>();
    private final Map<String, JsonValue> defs = new LinkedHashMap<>();

    SchemaContext(ObjectModel rootModel) {
        this.rootModel = rootModel;
    }

    /** The complete schema document of {@code type}. */
    static JsonObject documentSchema(JsonType type) {
        JsonType t = type instanceof RefType ? ((RefType) type).target() : type;
        SchemaContext ctx = new SchemaContext(t instanceof ObjectModel ? (ObjectModel) t : null);
        return ctx.finish(ctx.schemaOf(t));
    }

    /** The schema of {@code type} as a fragment of this document. */
    JsonObject schemaOf(JsonType type) {
        JsonType t = type instanceof RefType ? ((RefType) type).target() : type;
        if (t instanceof ObjectModel) {
            ObjectModel m = (ObjectModel) t;
            if (stack.contains(m)) {
                return ref(m);
            }
            stack.add(m);
            try {
                return m.contentSchema(this);
            } finally {
                stack.remove(m);
            }
        }
        if (t instanceof BaseType) {
            return ((BaseType) t).buildSchema(this);
        }
        return hoist(t.schema());
    }

    /** Adds the definitions the document refers to as {@code "$defs"} at its root. */
    JsonObject finish(JsonObject root) {
        while (!pending.isEmpty()) {
            ObjectModel m = pending.poll();
            stack.add(m);
            try {
                defs.put(defNames.get(m), m.contentSchema(this));
            } finally {
                stack.remove(m);
            }
        }
        if (defs.isEmpty()) {
            return root;
        }
        JsonObjectBuilder d = Json.object();
        defs.forEach(d::add);
        return Json.with(root, "$defs", d.build());
    }

    private JsonObject ref(ObjectModel m) {
        if (m == rootModel) {
            return REF_ROOT;
        }
        String name = defNames.get(m);
        if (name == null) {
            name = m.defName();
            for (int i = 2; usedNames.contains(name); i++) {
                name = m.defName() + i;
            }
            usedNames.add(name);
            defNames.put(m, name);
            pending.add(m);
        }
        return Json.object().add("$ref", "#/$defs/" + pointerEscape(name)).build();
    }

    /** Moves the {@code "$defs"} of a foreign schema to this document's root (their refs are root-relative). */
    private JsonObject hoist(JsonObject schema) {
        JsonValue d = schema.get("$defs");
        if (!(d instanceof JsonObject)) {
            return schema;
        }
        for (Map.Entry<String, JsonValue> e : ((JsonObject) d).entrySet()) {
            if (usedNames.add(e.getKey())) {
                defs.put(e.getKey(), e.getValue());
            }
        }
        JsonObjectBuilder b = Json.object(schema);
        b.remove("$defs");
        return b.build();
    }

    private static String pointerEscape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
