package dev.mcpws.testing;

import dev.mcpws.features.Invoker;
import java.lang.reflect.Method;
import java.util.Arrays;

/** Finds an annotated method of a fixture object and invokes it reflectively, as the CDI extension would. */
public final class Methods {

    private Methods() {
    }

    public static Method named(Class<?> type, String name) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no method " + name + " in " + type));
    }

    public static Invoker on(Object target, Method m) {
        m.setAccessible(true);
        return args -> m.invoke(target, args);
    }
}
