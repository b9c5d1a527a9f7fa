package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Types without a JSON mapping fail when the model is built, with a message naming the type and where it is. */
class JsonTypesBuildErrorTest {

    private static String failure(Type type) {
        return assertThrows(IllegalArgumentException.class, () -> JsonTypes.of(type)).getMessage();
    }

    @Test
    void interfacesAndAbstractClasses() {
        assertEquals("unsupported type java.lang.Runnable: an interface cannot be bound from JSON; use a record, "
                + "a class with a no-arg constructor or a supported type", failure(Runnable.class));
        assertTrue(failure(Fixtures.AbstractThing.class).startsWith(
                "unsupported type dev.mcpws.schema.Fixtures$AbstractThing: an abstract class cannot be bound"));
        assertTrue(failure(CharSequence.class).startsWith("unsupported type java.lang.CharSequence: an interface"));
    }

    @Test
    void nestedFailuresSayWhere() {
        assertEquals("unsupported type java.lang.Runnable: an interface cannot be bound from JSON; use a record, "
                + "a class with a no-arg constructor or a supported type (at Unsupported.task)",
                failure(Fixtures.Unsupported.class));
    }

    @Test
    void classesWithoutNoArgConstructor() {
        assertEquals("unsupported type dev.mcpws.schema.Fixtures$NoDefaultConstructor: a class needs a no-arg "
                + "constructor to be bound from JSON", failure(Fixtures.NoDefaultConstructor.class));
        assertTrue(failure(Fixtures.Inner.class).endsWith("(inner classes must be static)"));
    }

    @Test
    void unsupportedJdkTypes() {
        assertTrue(failure(Thread.class).startsWith("unsupported type java.lang.Thread: no JSON mapping"));
        assertTrue(failure(java.util.Date.class).startsWith("unsupported type java.util.Date"));
        assertTrue(failure(void.class).contains("void has no JSON form"));
        assertTrue(failure(Number.class).startsWith("unsupported type java.lang.Number: an abstract class"));
    }

    @Test
    void unsupportedContainers() {
        assertTrue(failure(generic("intKeys")).contains("map keys must be String or an enum"),
                failure(generic("intKeys")));
        assertTrue(failure(generic("linkedList")).contains("use List, Collection, Iterable, Set"));
        assertTrue(failure(generic("wildcardNumbers")).startsWith("unsupported type java.lang.Number"),
                failure(generic("wildcardNumbers")));
    }

    @Test
    void duplicateJsonNames() {
        assertTrue(failure(Fixtures.DuplicateNames.class).contains("have the same JSON name 'same'"));
    }

    @Test
    void endlesslyGrowingGenericTypes() {
        assertTrue(failure(Fixtures.Weird.class).contains("nested too deeply"));
    }

    @Test
    void failuresAreNotCached() {
        String first = failure(Fixtures.Unsupported.class);
        assertEquals(first, failure(Fixtures.Unsupported.class));
    }

    @Test
    void objectSchemaRejectsDuplicateNames() {
        JsonType s = JsonTypes.of(String.class);
        assertThrows(IllegalArgumentException.class, () -> JsonTypes.objectSchema(List.of(
                new JsonTypes.Property("a", s, null, true, null), new JsonTypes.Property("a", s, null, true, null))));
    }

    /** A record used only here, so that it is built by the concurrent calls below. */
    record Concurrent(String name, List<Concurrent> more, Map<String, Set<Integer>> data) {
    }

    @Test
    void concurrentFirstUseBuildsOneModel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonType>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> JsonTypes.of(Concurrent.class));
            }
            List<Future<JsonType>> results = pool.invokeAll(calls);
            JsonType first = results.get(0).get();
            for (Future<JsonType> f : results) {
                assertTrue(first == f.get(), "all callers get the same model");
            }
            assertEquals(first.schema(), JsonTypes.of(Concurrent.class).schema());
        } finally {
            pool.shutdownNow();
        }
    }
}
