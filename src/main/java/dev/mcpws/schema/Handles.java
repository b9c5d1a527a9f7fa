package dev.mcpws.schema;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** Turns reflective members into method handles of uniform, erased types (once, at build time). */
final class Handles {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private Handles() {
    }

    /** {@code (Object)Object}. */
    static MethodHandle getter(Method m) {
        return convert(m, () -> LOOKUP.unreflect(m).asType(GETTER));
    }

    /** {@code (Object)Object}. */
    static MethodHandle getter(Field f) {
        return convert(f, () -> LOOKUP.unreflectGetter(f).asType(GETTER));
    }

    /** {@code (Object,Object)void}. */
    static MethodHandle setter(Method m) {
        return convert(m, () -> LOOKUP.unreflect(m).asType(SETTER));
    }

    /** {@code (Object,Object)void}. */
    static MethodHandle setter(Field f) {
        return convert(f, () -> LOOKUP.unreflectSetter(f).asType(SETTER));
    }

    /** {@code ()Object}. */
    static MethodHandle noArgConstructor(Constructor<?> c) {
        return convert(c, () -> LOOKUP.unreflectConstructor(c).asType(MethodType.methodType(Object.class)));
    }

    /** {@code (Object[])Object}: the arguments are spread. */
    static MethodHandle spreadConstructor(Constructor<?> c) {
        int n = c.getParameterCount();
        return convert(c, () -> LOOKUP.unreflectConstructor(c).asSpreader(Object[].class, n)
                .asType(MethodType.methodType(Object.class, Object[].class)));
    }

    private interface HandleMaker {
        MethodHandle make() throws IllegalAccessException;
    }

    private static MethodHandle convert(AccessibleObject member, HandleMaker maker) {
        member.trySetAccessible();
        try {
            return maker.make();
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + member + ": " + e.getMessage(), e);
        }
    }
}
