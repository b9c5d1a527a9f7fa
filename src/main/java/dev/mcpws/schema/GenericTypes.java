package dev.mcpws.schema;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Generic type plumbing: raw classes, type-variable bindings of a (parameterized) class and its supertypes, and
 * substitution. The {@link ParameterizedType} and {@link GenericArrayType} made here are equal to (and hash like)
 * the JDK's own, so they work as cache keys next to types obtained by reflection.
 */
final class GenericTypes {

    private GenericTypes() {
    }

    static Class<?> rawClass(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        if (t instanceof GenericArrayType) {
            return Array.newInstance(rawClass(((GenericArrayType) t).getGenericComponentType()), 0).getClass();
        }
        if (t instanceof WildcardType) {
            return rawClass(effectiveBound((WildcardType) t));
        }
        if (t instanceof TypeVariable) {
            Type[] bounds = ((TypeVariable<?>) t).getBounds();
            return bounds.length == 0 ? Object.class : rawClass(bounds[0]);
        }
        throw new IllegalArgumentException("unsupported type " + t);
    }

    /** {@code ? super X} means X, {@code ? extends X} and {@code ?} mean the upper bound. */
    static Type effectiveBound(WildcardType w) {
        Type[] lower = w.getLowerBounds();
        if (lower.length > 0) {
            return lower[0];
        }
        Type[] upper = w.getUpperBounds();
        return upper.length == 0 ? Object.class : upper[0];
    }

    /** The type argument {@code index} of {@code type} seen as {@code target} (e.g. the V of a Map), resolved. */
    static Type typeArgument(Type type, Class<?> target, int index) {
        Map<TypeVariable<?>, Type> b = bindings(type);
        Type t = resolve(target.getTypeParameters()[index], b);
        return t instanceof TypeVariable ? Object.class : t;
    }

    /** The bindings of the type variables of {@code type}'s class and of all its supertypes. */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        Map<TypeVariable<?>, Type> map = new HashMap<>();
        Class<?> raw = rawClass(type);
        if (type instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) type).getActualTypeArguments();
            TypeVariable<?>[] params = raw.getTypeParameters();
            for (int i = 0; i < params.length && i < args.length; i++) {
                Type a = args[i] instanceof WildcardType ? effectiveBound((WildcardType) args[i]) : args[i];
                map.put(params[i], a);
            }
        }
        collectSupertypes(raw, map);
        return map;
    }

    private static void collectSupertypes(Class<?> c, Map<TypeVariable<?>, Type> map) {
        if (c == null || c == Object.class) {
            return;
        }
        addSupertype(c.getGenericSuperclass(), map);
        for (Type i : c.getGenericInterfaces()) {
            addSupertype(i, map);
        }
    }

    private static void addSupertype(Type s, Map<TypeVariable<?>, Type> map) {
        if (s == null) {
            return;
        }
        Class<?> raw = rawClass(s);
        if (s instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) s).getActualTypeArguments();
            TypeVariable<?>[] params = raw.getTypeParameters();
            for (int i = 0; i < params.length && i < args.length; i++) {
                map.putIfAbsent(params[i], resolve(args[i], map));
            }
        }
        collectSupertypes(raw, map);
    }

    /** Substitutes bound type variables in {@code t}; wildcards are replaced by their effective bound. */
    static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof Class) {
            return t;
        }
        if (t instanceof TypeVariable) {
            Type bound = bindings.get(t);
            return bound == null ? t : bound;
        }
        if (t instanceof WildcardType) {
            return resolve(effectiveBound((WildcardType) t), bindings);
        }
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Type[] args = p.getActualTypeArguments();
            Type[] resolved = new Type[args.length];
            boolean changed = false;
            for (int i = 0; i < args.length; i++) {
                resolved[i] = resolve(args[i], bindings);
                changed |= resolved[i] != args[i];
            }
            Type owner = p.getOwnerType() == null ? null : resolve(p.getOwnerType(), bindings);
            changed |= owner != p.getOwnerType();
            return changed ? new Parameterized((Class<?>) p.getRawType(), owner, resolved) : t;
        }
        if (t instanceof GenericArrayType) {
            Type c = ((GenericArrayType) t).getGenericComponentType();
            Type rc = resolve(c, bindings);
            if (rc instanceof Class) {
                return Array.newInstance((Class<?>) rc, 0).getClass();
            }
            return rc == c ? t : new GenericArray(rc);
        }
        return t;
    }

    /** A short name for {@code $defs}: {@code Node}, {@code Tree_String}; only {@code [A-Za-z0-9_.-]}. */
    static String defName(Type t) {
        String n;
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            n = ((Class<?>) p.getRawType()).getSimpleName() + Arrays.stream(p.getActualTypeArguments())
                    .map(GenericTypes::defName).map(s -> "_" + s).collect(Collectors.joining());
        } else if (t instanceof Class && ((Class<?>) t).isArray()) {
            n = defName(((Class<?>) t).getComponentType()) + "Array";
        } else if (t instanceof GenericArrayType) {
            n = defName(((GenericArrayType) t).getGenericComponentType()) + "Array";
        } else if (t instanceof Class) {
            n = ((Class<?>) t).getSimpleName();
        } else {
            n = rawClass(t).getSimpleName();
        }
        n = n.replaceAll("[^A-Za-z0-9_.-]", "_");
        return n.isEmpty() ? "Type" : n;
    }

    /** A parameterized type equal to the JDK's implementation. */
    static final class Parameterized implements ParameterizedType {
        private final Class<?> raw;
        private final Type owner;
        private final Type[] args;

        Parameterized(Class<?> raw, Type owner, Type[] args) {
            this.raw = raw;
            this.owner = owner != null ? owner : raw.getDeclaringClass();
            this.args = args.clone();
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ParameterizedType)) {
                return false;
            }
            ParameterizedType that = (ParameterizedType) o;
            return raw.equals(that.getRawType()) && Objects.equals(owner, that.getOwnerType())
                    && Arrays.equals(args, that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ Objects.hashCode(raw);
        }

        @Override
        public String toString() {
            return raw.getName() + Arrays.stream(args).map(Type::getTypeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
    }

    /** A generic array type equal to the JDK's implementation. */
    static final class GenericArray implements GenericArrayType {
        private final Type component;

        GenericArray(Type component) {
            this.component = component;
        }

        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenericArrayType
                    && Objects.equals(component, ((GenericArrayType) o).getGenericComponentType());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(component);
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }
}
