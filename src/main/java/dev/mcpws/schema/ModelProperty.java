package dev.mcpws.schema;

import java.lang.invoke.MethodHandle;

/**
 * One property of a record or POJO, with its accessors resolved at build time: {@code getter} has type
 * {@code (Object)Object}, {@code setter} (POJOs only) {@code (Object,Object)void}; {@code index} is the canonical
 * constructor position for records.
 */
final class ModelProperty {

    final String name;
    final JsonType type;
    final String description;
    final boolean required;
    final MethodHandle getter;
    final MethodHandle setter;
    final int index;

    ModelProperty(String name, JsonType type, String description, boolean required, MethodHandle getter,
            MethodHandle setter, int index) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.required = required;
        this.getter = getter;
        this.setter = setter;
        this.index = index;
    }

    Object get(Object target) {
        try {
            return (Object) getter.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading property '" + name + "' failed", t);
        }
    }
}
