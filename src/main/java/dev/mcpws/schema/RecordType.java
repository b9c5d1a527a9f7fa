package dev.mcpws.schema;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A record: properties are its components in declaration order, all required except {@code Optional} ones;
 * {@code @JsonbProperty} renames, {@code @JsonbTransient} leaves a component out (it then receives null, zero, false
 * or an empty optional). Bound through the canonical constructor, resolved once; an
 * {@link IllegalArgumentException} from the constructor (a compact constructor's validation) is reported as an
 * {@link InvalidValueException} at the record's path.
 */
final class RecordType extends ObjectModel {

    private MethodHandle constructor;
    private Object[] template;

    private RecordType(String typeName, String defName, String description) {
        super(typeName, defName, description);
    }

    static RecordType build(TypeBuilder builder, Type type, Class<?> cls, RefType placeholder) {
        RecordType model = new RecordType(cls.getName(), GenericTypes.defName(type), Annotations.description(cls));
        placeholder.target(model);
        RecordComponent[] components = cls.getRecordComponents();
        Class<?>[] rawTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            rawTypes[i] = components[i].getType();
        }
        Constructor<?> ctor;
        try {
            ctor = cls.getDeclaredConstructor(rawTypes);
        } catch (NoSuchMethodException e) {
            throw builder.unsupported(type, "record without a canonical constructor");
        }
        Parameter[] params = ctor.getParameters();
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        Object[] template = new Object[components.length];
        List<ModelProperty> props = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            Method accessor = rc.getAccessor();
            Field field = Annotations.declaredField(cls, rc.getName());
            template[i] = defaultValue(rc.getType());
            if (Annotations.isTransient(accessor, field, params[i])) {
                continue;
            }
            String name = Annotations.jsonName(rc.getName(), accessor, field, params[i]);
            Type componentType = GenericTypes.resolve(rc.getGenericType(), bindings);
            JsonType jt = builder.of(componentType, cls.getSimpleName() + "." + rc.getName());
            String description = Annotations.description(rc, accessor, field, params[i]);
            props.add(new ModelProperty(name, jt, description, !jt.isOptional(), Handles.getter(accessor), null, i));
        }
        model.properties(props);
        model.template = template;
        model.constructor = Handles.spreadConstructor(ctor);
        return model;
    }

    /** What a left-out component receives. */
    private static Object defaultValue(Class<?> c) {
        if (c == boolean.class) {
            return false;
        } else if (c == char.class) {
            return '\0';
        } else if (c == byte.class) {
            return (byte) 0;
        } else if (c == short.class) {
            return (short) 0;
        } else if (c == int.class) {
            return 0;
        } else if (c == long.class) {
            return 0L;
        } else if (c == float.class) {
            return 0f;
        } else if (c == double.class) {
            return 0d;
        } else if (c == Optional.class) {
            return Optional.empty();
        } else if (c == OptionalInt.class) {
            return OptionalInt.empty();
        } else if (c == OptionalLong.class) {
            return OptionalLong.empty();
        } else if (c == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        return null;
    }

    @Override
    boolean writesRequiredNulls() {
        return true;
    }

    @Override
    Object create(Object[] values, boolean[] present, String path) throws InvalidValueException {
        Object[] args = template.clone();
        ModelProperty[] props = propertyArray();
        for (int i = 0; i < props.length; i++) {
            args[props[i].index] = values[i];
        }
        try {
            return (Object) constructor.invokeExact(args);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(path, e.getMessage() == null ? "invalid value" : e.getMessage());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("constructing " + typeName() + " failed", t);
        }
    }
}
