package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static dev.mcpws.schema.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpws.schema.Fixtures.Anything;
import dev.mcpws.schema.Fixtures.Color;
import dev.mcpws.schema.Fixtures.Labelled;
import dev.mcpws.schema.Fixtures.Person;
import dev.mcpws.schema.Fixtures.Point;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** toJson then fromJson gives back the original value; and the exact JSON written. */
class JsonTypesRoundTripTest {

    static Stream<TestValues.Sample> samples() {
        return TestValues.samples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTrip(TestValues.Sample sample) throws InvalidValueException {
        JsonType t = JsonTypes.of(sample.type());
        JsonValue written = t.toJson(sample.value());
        assertEquals(sample.value(), t.fromJson(written, "value"), () -> "round trip of " + written);
        // and writing is stable
        assertEquals(written, t.toJson(t.fromJson(written, "value")));
    }

    @Test
    void recordsAreWrittenInDeclarationOrderWithoutEmptyOptionals() {
        JsonValue v = JsonTypes.of(Labelled.class).toJson(new Labelled("l", new Point(1, 2), Optional.empty()));
        assertEquals("{\"label\":\"l\",\"point\":{\"x\":1,\"y\":2}}", v.toString());
        JsonValue w = JsonTypes.of(Labelled.class).toJson(new Labelled("l", new Point(1, 2), Optional.of("n")));
        assertEquals("{\"label\":\"l\",\"point\":{\"x\":1,\"y\":2},\"note\":\"n\"}", w.toString());
    }

    @Test
    void nullRecordComponentsAreWrittenAsNull() {
        assertEquals(json("{'label':null,'point':null}"),
                JsonTypes.of(Labelled.class).toJson(new Labelled(null, null, null)));
    }

    @Test
    void pojosAreWrittenAlphabeticallyWithoutNulls() {
        Person p = new Person("Ada", 36, null, true);
        assertEquals("{\"active\":true,\"age\":36,\"name\":\"Ada\"}", JsonTypes.of(Person.class).toJson(p).toString());
    }

    @Test
    void scalarsAndTemporalValuesAreWrittenInTheirCanonicalForm() {
        assertEquals("0.1", JsonTypes.of(float.class).toJson(0.1f).toString());
        assertEquals("2.5", JsonTypes.of(double.class).toJson(2.5).toString());
        assertEquals("\"c\"", JsonTypes.of(char.class).toJson('c').toString());
        assertEquals("\"dark-blue\"", JsonTypes.of(Color.class).toJson(Color.BLUE).toString());
        // seconds are always written, so the values are valid RFC 3339 date-times
        assertEquals("\"2024-01-31T10:15:00+05:30\"", JsonTypes.of(OffsetDateTime.class)
                .toJson(OffsetDateTime.of(2024, 1, 31, 10, 15, 0, 0, ZoneOffset.ofHoursMinutes(5, 30))).toString());
        assertEquals("\"2024-01-31T10:15:00Z\"",
                JsonTypes.of(Instant.class).toJson(Instant.parse("2024-01-31T10:15:00Z")).toString());
        assertEquals("\"2024-01-31T10:15:00\"",
                JsonTypes.of(LocalDateTime.class).toJson(LocalDateTime.of(2024, 1, 31, 10, 15)).toString());
        assertEquals("\"PT1H30M\"", JsonTypes.of(Duration.class).toJson(Duration.ofMinutes(90)).toString());
        assertEquals(JsonValue.NULL, JsonTypes.of(Point.class).toJson(null));
        assertEquals(JsonValue.NULL, JsonTypes.of(generic("optionalString")).toJson(Optional.empty()));
        assertEquals(JsonValue.NULL, JsonTypes.of(OptionalInt.class).toJson(OptionalInt.empty()));
    }

    @Test
    void nonFiniteNumbersCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> JsonTypes.of(double.class).toJson(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> JsonTypes.of(float.class).toJson(Float.POSITIVE_INFINITY));
    }

    @Test
    void primitiveArraysRoundTrip() throws InvalidValueException {
        JsonType t = JsonTypes.of(long[].class);
        long[] values = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
        assertArrayEquals(values, (long[]) t.fromJson(t.toJson(values), ""));
        JsonType c = JsonTypes.of(char[].class);
        assertArrayEquals(new char[] {'a', 'b'}, (char[]) c.fromJson(c.toJson(new char[] {'a', 'b'}), ""));
    }

    @Test
    void objectWritesByRuntimeClass() throws InvalidValueException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("point", new Point(1, 2));
        value.put("color", Color.RED);
        value.put("list", List.of(1, "a"));
        value.put("optional", Optional.of(2.5));
        value.put("none", null);
        JsonValue written = JsonTypes.of(Anything.class).toJson(new Anything(value));
        assertEquals(json("{'value':{'point':{'x':1,'y':2},'color':'RED','list':[1,'a'],'optional':2.5,"
                + "'none':null}}"), written);
        Anything back = (Anything) JsonTypes.of(Anything.class).fromJson(written, "");
        assertEquals(Map.of("x", 1L, "y", 2L), ((Map<?, ?>) back.value()).get("point"));
    }

    @Test
    void jsonValuesAreWrittenAsIs() {
        JsonObject o = Fixtures.obj("{'a':1}");
        assertEquals(o, JsonTypes.of(JsonObject.class).toJson(o));
        assertEquals(JsonValue.NULL, JsonTypes.of(JsonValue.class).toJson(null));
    }
}
