package dev.mcpws.schema;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A class with a non-private no-arg constructor. Its properties are its public non-static, non-final,
 * non-{@code transient} fields plus its JavaBean properties that have both a public getter ({@code getX()} or
 * {@code isX()}) and a public setter ({@code setX(T)}) of the same type; accessors win over a public field of the
 * same name. {@code @JsonbProperty} (on the getter, field or setter) renames, {@code @JsonbTransient} skips.
 * Properties are ordered alphabetically by JSON name. Only properties of a primitive type are required (there is no
 * way to tell whether a reference-typed property is meant to be optional); an absent property keeps the value the
 * constructor gave it (absent {@code Optional} properties are set to empty), and null reference values are left out
 * when writing.
 */
final class PojoType extends ObjectModel {

    private MethodHandle constructor;

    /** A property found by introspection, before its JSON type is built. */
    private record Candidate(String javaName, Type type, String description, MethodHandle getter,
            MethodHandle setter, Class<?> rawType) {
    }

    private PojoType(String typeName, String defName, String description) {
        super(typeName, defName, description);
    }

    static PojoType build(TypeBuilder builder, Type type, Class<?> cls, RefType placeholder) {
        Constructor<?> ctor;
        try {
            ctor = cls.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw builder.unsupported(type, "a class needs a no-arg constructor to be bound from JSON"
                    + (cls.isMemberClass() && !Modifier.isStatic(cls.getModifiers())
                            ? " (inner classes must be static)" : ""));
        }
        if (Modifier.isPrivate(ctor.getModifiers())) {
            throw builder.unsupported(type, "its no-arg constructor is private");
        }
        PojoType model = new PojoType(cls.getName(), GenericTypes.defName(type), Annotations.description(cls));
        placeholder.target(model);
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);

        // Java property name -> accessor candidates
        Map<String, Method> getters = new TreeMap<>();
        Map<String, List<Method>> setters = new TreeMap<>();
        for (Method m : cls.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            if (m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                if (n.startsWith("get") && n.length() > 3) {
                    getters.putIfAbsent(decapitalize(n.substring(3)), m);
                } else if (n.startsWith("is") && n.length() > 2
                        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                    getters.put(decapitalize(n.substring(2)), m);
                }
            } else if (m.getParameterCount() == 1 && n.startsWith("set") && n.length() > 3) {
                setters.computeIfAbsent(decapitalize(n.substring(3)), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : cls.getFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) && !Modifier.isFinal(mod) && !Modifier.isTransient(mod)) {
                fields.putIfAbsent(f.getName(), f);
            }
        }

        // JSON name -> property; built after sorting so the order is alphabetical
        Map<String, Candidate> found = new TreeMap<>();
        for (Map.Entry<String, Method> g : getters.entrySet()) {
            String javaName = g.getKey();
            Method getter = g.getValue();
            Type propertyType = GenericTypes.resolve(getter.getGenericReturnType(), bindings);
            Method setter = matchingSetter(setters.get(javaName), propertyType, bindings);
            if (setter == null) {
                continue;
            }
            Field backing = Annotations.declaredField(cls, javaName);
            if (Annotations.isTransient(getter, setter, backing)) {
                fields.remove(javaName);
                continue;
            }
            fields.remove(javaName);
            String jsonName = Annotations.jsonName(javaName, getter, backing, setter);
            String description = Annotations.description(getter, backing, setter);
            put(builder, type, found, jsonName, new Candidate(javaName, propertyType, description,
                    Handles.getter(getter), Handles.setter(setter), getter.getReturnType()));
        }
        for (Field f : fields.values()) {
            if (Annotations.isTransient(f)) {
                continue;
            }
            Type propertyType = GenericTypes.resolve(f.getGenericType(), bindings);
            String jsonName = Annotations.jsonName(f.getName(), f);
            put(builder, type, found, jsonName, new Candidate(f.getName(), propertyType, Annotations.description(f),
                    Handles.getter(f), Handles.setter(f), f.getType()));
        }

        List<ModelProperty> props = new ArrayList<>();
        for (Map.Entry<String, Candidate> e : found.entrySet()) {
            Candidate c = e.getValue();
            JsonType jt = builder.of(c.type(), cls.getSimpleName() + "." + c.javaName());
            props.add(new ModelProperty(e.getKey(), jt, c.description(), c.rawType().isPrimitive(), c.getter(),
                    c.setter(), props.size()));
        }
        model.properties(props);
        model.constructor = Handles.noArgConstructor(ctor);
        return model;
    }

    private static void put(TypeBuilder builder, Type type, Map<String, Candidate> found, String jsonName,
            Candidate property) {
        Candidate previous = found.put(jsonName, property);
        if (previous != null) {
            throw builder.unsupported(type, "properties '" + previous.javaName() + "' and '" + property.javaName()
                    + "' have the same JSON name '" + jsonName + "'");
        }
    }

    private static Method matchingSetter(List<Method> candidates, Type propertyType,
            Map<TypeVariable<?>, Type> bindings) {
        if (candidates == null) {
            return null;
        }
        for (Method s : candidates) {
            if (GenericTypes.resolve(s.getGenericParameterTypes()[0], bindings).equals(propertyType)) {
                return s;
            }
        }
        Class<?> raw = GenericTypes.rawClass(propertyType);
        for (Method s : candidates) {
            if (s.getParameterTypes()[0] == raw) {
                return s;
            }
        }
        return null;
    }

    /** As {@code java.beans.Introspector.decapitalize}: {@code Name -> name}, {@code URL -> URL}. */
    static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    boolean writesRequiredNulls() {
        return false;
    }

    @Override
    Object create(Object[] values, boolean[] present, String path) throws InvalidValueException {
        Object target;
        try {
            target = (Object) constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("constructing " + typeName() + " failed", t);
        }
        ModelProperty[] props = propertyArray();
        for (int i = 0; i < props.length; i++) {
            if (!present[i] && !props[i].type.isOptional()) {
                continue;
            }
            try {
                props[i].setter.invokeExact(target, values[i]);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(Paths.property(path, props[i].name),
                        e.getMessage() == null ? "invalid value" : e.getMessage());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("setting " + typeName() + "." + props[i].name + " failed", t);
            }
        }
        return target;
    }
}
