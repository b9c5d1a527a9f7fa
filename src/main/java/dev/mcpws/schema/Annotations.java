package dev.mcpws.schema;

import dev.mcpws.api.Description;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;

/** Reads {@code @Description}, {@code @JsonbProperty} and {@code @JsonbTransient} from the first element having them. */
final class Annotations {

    private Annotations() {
    }

    static String description(AnnotatedElement... elements) {
        for (AnnotatedElement e : elements) {
            Description d = e == null ? null : e.getAnnotation(Description.class);
            if (d != null && !d.value().isEmpty()) {
                return d.value();
            }
        }
        return null;
    }

    static String jsonName(String javaName, AnnotatedElement... elements) {
        for (AnnotatedElement e : elements) {
            JsonbProperty p = e == null ? null : e.getAnnotation(JsonbProperty.class);
            if (p != null && !p.value().isEmpty()) {
                return p.value();
            }
        }
        return javaName;
    }

    static boolean isTransient(AnnotatedElement... elements) {
        for (AnnotatedElement e : elements) {
            if (e != null && e.isAnnotationPresent(JsonbTransient.class)) {
                return true;
            }
        }
        return false;
    }

    /** The field {@code name} declared by {@code cls} or a superclass, or null. */
    static Field declaredField(Class<?> cls, String name) {
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // try the superclass
            }
        }
        return null;
    }
}
