package dev.mcpws.schema;

import jakarta.json.JsonValue;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the models of one {@link JsonTypes#of} call (under the build lock). A record or POJO that is met again while
 * it is being built (a recursive type) is represented by a {@link RefType} pointing at it. Nothing is published until
 * the whole graph is built; on failure everything built in this call is dropped.
 */
final class TypeBuilder {

    /** Guards against types that grow without end, e.g. {@code record R<T>(List<R<List<T>>> r)}. */
    private static final int MAX_DEPTH = 200;

    private final Map<Type, JsonType> published;
    private final Map<Type, JsonType> built = new LinkedHashMap<>();
    private final Map<Type, RefType> inProgress = new HashMap<>();
    private final ArrayDeque<String> where = new ArrayDeque<>();
    private int depth;

    TypeBuilder(Map<Type, JsonType> published) {
        this.published = published;
    }

    /** Everything built by this builder, by type. */
    Map<Type, JsonType> built() {
        return built;
    }

    /** The model of {@code type}, reached through {@code location} (e.g. {@code Point.x}) for error messages. */
    JsonType of(Type type, String location) {
        where.addLast(location);
        try {
            return of(type);
        } finally {
            where.removeLast();
        }
    }

    JsonType of(Type type) {
        JsonType t = published.get(type);
        if (t == null) {
            t = built.get(type);
        }
        if (t == null) {
            t = inProgress.get(type);
        }
        if (t != null) {
            return t;
        }
        if (depth >= MAX_DEPTH) {
            throw unsupported(type, "types are nested too deeply (a generic type that grows without end?)");
        }
        depth++;
        try {
            t = create(type);
        } finally {
            depth--;
        }
        built.put(type, t);
        return t;
    }

    /** An {@link IllegalArgumentException} naming the type and where it was met. */
    IllegalArgumentException unsupported(Type type, String reason) {
        StringBuilder sb = new StringBuilder("unsupported type ").append(type.getTypeName()).append(": ")
                .append(reason);
        if (!where.isEmpty()) {
            sb.append(" (at ");
            for (Iterator<String> i = where.iterator(); i.hasNext();) {
                sb.append(i.next()).append(i.hasNext() ? " -> " : ")");
            }
        }
        return new IllegalArgumentException(sb.toString());
    }

    private JsonType create(Type type) {
        if (type instanceof Class) {
            return createClass((Class<?>) type);
        }
        if (type instanceof ParameterizedType) {
            return createParameterized((ParameterizedType) type);
        }
        if (type instanceof GenericArrayType) {
            Type component = ((GenericArrayType) type).getGenericComponentType();
            return new ArrayType(GenericTypes.rawClass(component), of(component));
        }
        if (type instanceof WildcardType) {
            return of(GenericTypes.effectiveBound((WildcardType) type));
        }
        if (type instanceof TypeVariable) {
            Type[] bounds = ((TypeVariable<?>) type).getBounds();
            return bounds.length == 0 ? AnyType.INSTANCE : of(bounds[0]);
        }
        throw unsupported(type, "unknown kind of java.lang.reflect.Type");
    }

    private JsonType createClass(Class<?> c) {
        JsonType simple = simpleType(c);
        if (simple != null) {
            return simple;
        }
        if (c == void.class || c == Void.class) {
            throw unsupported(c, "void has no JSON form");
        }
        if (c.isEnum()) {
            return new EnumType(c);
        }
        if (c.getSuperclass() != null && c.getSuperclass().isEnum()) {
            return of(c.getSuperclass());
        }
        if (c.isArray()) {
            return new ArrayType(c.getComponentType(), of(c.getComponentType()));
        }
        if (c == Optional.class) {
            return new OptionalType(OptionalType.Kind.OPTIONAL, AnyType.INSTANCE);
        }
        if (Iterable.class.isAssignableFrom(c) || java.util.Map.class.isAssignableFrom(c)) {
            return container(c, c);
        }
        return model(c, c);
    }

    private JsonType createParameterized(ParameterizedType p) {
        Class<?> raw = (Class<?>) p.getRawType();
        if (raw == Optional.class) {
            Type content = GenericTypes.typeArgument(p, Optional.class, 0);
            return new OptionalType(OptionalType.Kind.OPTIONAL, of(content));
        }
        if (Iterable.class.isAssignableFrom(raw) || java.util.Map.class.isAssignableFrom(raw)) {
            return container(p, raw);
        }
        return model(p, raw);
    }

    private static JsonType simpleType(Class<?> c) {
        if (c == boolean.class || c == Boolean.class) {
            return BooleanType.INSTANCE;
        } else if (c == int.class || c == Integer.class) {
            return IntegerType.INT;
        } else if (c == long.class || c == Long.class) {
            return IntegerType.LONG;
        } else if (c == short.class || c == Short.class) {
            return IntegerType.SHORT;
        } else if (c == byte.class || c == Byte.class) {
            return IntegerType.BYTE;
        } else if (c == BigInteger.class) {
            return IntegerType.BIG_INTEGER;
        } else if (c == double.class || c == Double.class) {
            return NumberType.DOUBLE;
        } else if (c == float.class || c == Float.class) {
            return NumberType.FLOAT;
        } else if (c == BigDecimal.class) {
            return NumberType.BIG_DECIMAL;
        } else if (c == String.class) {
            return StringType.INSTANCE;
        } else if (c == char.class || c == Character.class) {
            return CharType.INSTANCE;
        } else if (c == Object.class) {
            return AnyType.INSTANCE;
        } else if (c == OptionalInt.class) {
            return OptionalType.INT;
        } else if (c == OptionalLong.class) {
            return OptionalType.LONG;
        } else if (c == OptionalDouble.class) {
            return OptionalType.DOUBLE;
        }
        if (JsonValue.class.isAssignableFrom(c)) {
            return JsonValueType.forClass(c);
        }
        return TextType.forClass(c);
    }

    private JsonType container(Type type, Class<?> raw) {
        if (java.util.Map.class.isAssignableFrom(raw)) {
            boolean sorted;
            if (raw.isAssignableFrom(LinkedHashMap.class)) {
                sorted = false;
            } else if (raw.isAssignableFrom(TreeMap.class)) {
                sorted = true;
            } else {
                throw unsupported(type, "use Map, SortedMap or NavigableMap");
            }
            Type keyType = GenericTypes.typeArgument(type, java.util.Map.class, 0);
            Class<?> keyClass = GenericTypes.rawClass(keyType);
            EnumType keys = null;
            if (keyClass.isEnum()) {
                keys = (EnumType) of(keyClass);
            } else if (keyClass != String.class && keyClass != Object.class) {
                throw unsupported(type, "map keys must be String or an enum");
            }
            Type valueType = GenericTypes.typeArgument(type, java.util.Map.class, 1);
            return new MapType(keys, of(valueType, "{value}"), sorted);
        }
        Type itemType = GenericTypes.typeArgument(type, Iterable.class, 0);
        CollectionType.Kind kind;
        if (raw.isAssignableFrom(ArrayList.class)) {
            kind = CollectionType.Kind.LIST;
        } else if (raw.isAssignableFrom(LinkedHashSet.class)) {
            kind = CollectionType.Kind.SET;
        } else if (raw.isAssignableFrom(TreeSet.class)) {
            kind = CollectionType.Kind.SORTED_SET;
            if (!Comparable.class.isAssignableFrom(GenericTypes.rawClass(itemType))) {
                throw unsupported(type, "the items of a sorted set must be Comparable");
            }
        } else {
            throw unsupported(type, "use List, Collection, Iterable, Set, SortedSet or NavigableSet");
        }
        return new CollectionType(kind, of(itemType, "[]"));
    }

    private JsonType model(Type type, Class<?> raw) {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            throw unsupported(type, (raw.isInterface() ? "an interface" : "an abstract class")
                    + " cannot be bound from JSON; use a record, a class with a no-arg constructor or a supported type");
        }
        if (raw.isPrimitive() || isPlatformClass(raw)) {
            throw unsupported(type, "no JSON mapping for this class");
        }
        RefType placeholder = new RefType(type.getTypeName());
        inProgress.put(type, placeholder);
        try {
            return raw.isRecord() ? RecordType.build(this, type, raw, placeholder)
                    : PojoType.build(this, type, raw, placeholder);
        } finally {
            inProgress.remove(type);
        }
    }

    private static boolean isPlatformClass(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.") || n.startsWith("jakarta.");
    }
}
