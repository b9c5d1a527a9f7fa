package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static dev.mcpws.schema.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpws.schema.Fixtures.Color;
import dev.mcpws.schema.Fixtures.JsonValues;
import dev.mcpws.schema.Fixtures.Labelled;
import dev.mcpws.schema.Fixtures.Optionals;
import dev.mcpws.schema.Fixtures.Person;
import dev.mcpws.schema.Fixtures.Point;
import dev.mcpws.schema.Fixtures.Positive;
import dev.mcpws.schema.Fixtures.Renamed;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Binding: good values bind to the expected Java values, bad ones give precise InvalidValueExceptions. */
class JsonTypesBindTest {

    private static Object bind(Type type, String json) throws InvalidValueException {
        return JsonTypes.of(type).fromJson(Fixtures.json(json), "arguments.v");
    }

    /** Asserts that binding fails with exactly {@code message} (which includes the path). */
    private static InvalidValueException assertInvalid(Type type, String json, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> bind(type, json),
                () -> json + " as " + type.getTypeName());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void booleans() throws InvalidValueException {
        assertEquals(true, bind(boolean.class, "true"));
        assertEquals(false, bind(Boolean.class, "false"));
        assertInvalid(boolean.class, "'true'", "arguments.v: expected boolean, got string \"true\"");
        assertInvalid(Boolean.class, "1", "arguments.v: expected boolean, got number 1");
        assertInvalid(Boolean.class, "null", "arguments.v: expected boolean, got null");
    }

    @Test
    void integers() throws InvalidValueException {
        assertEquals(42, bind(int.class, "42"));
        assertEquals(-7, bind(Integer.class, "-7"));
        assertEquals(2, bind(int.class, "2.0"));
        assertEquals(1000, bind(int.class, "1e3"));
        assertEquals((byte) -128, bind(byte.class, "-128"));
        assertEquals((short) 32767, bind(Short.class, "32767"));
        assertEquals(Long.MAX_VALUE, bind(long.class, "9223372036854775807"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                bind(BigInteger.class, "123456789012345678901234567890"));
        assertEquals(BigInteger.valueOf(5), bind(BigInteger.class, "5.00"));
    }

    @Test
    void badIntegers() {
        InvalidValueException e = assertInvalid(int.class, "'abc'", "arguments.v: expected integer, got string \"abc\"");
        assertEquals("arguments.v", e.path());
        assertEquals("expected integer, got string \"abc\"", e.detail());
        assertInvalid(int.class, "1.5", "arguments.v: expected integer, got number 1.5");
        assertInvalid(BigInteger.class, "0.1", "arguments.v: expected integer, got number 0.1");
        assertInvalid(Integer.class, "null", "arguments.v: expected integer, got null");
        assertInvalid(int.class, "true", "arguments.v: expected integer, got boolean true");
        assertInvalid(int.class, "2147483648",
                "arguments.v: expected integer in range -2147483648..2147483647, got number 2147483648");
        assertInvalid(byte.class, "128", "arguments.v: expected integer in range -128..127, got number 128");
        assertInvalid(short.class, "-32769",
                "arguments.v: expected integer in range -32768..32767, got number -32769");
        assertInvalid(long.class, "9223372036854775808",
                "arguments.v: expected integer in range -9223372036854775808..9223372036854775807, "
                        + "got number 9223372036854775808");
        assertInvalid(int.class, "[1]", "arguments.v: expected integer, got array");
        assertInvalid(int.class, "{}", "arguments.v: expected integer, got object");
        assertInvalid(BigInteger.class, "1e100000", "arguments.v: integer too large (more than 4096 digits)");
    }

    @Test
    void numbers() throws InvalidValueException {
        assertEquals(1.5, bind(double.class, "1.5"));
        assertEquals(3.0, bind(Double.class, "3"));
        assertEquals(0.1f, bind(float.class, "0.1"));
        assertEquals(new BigDecimal("1.50"), bind(BigDecimal.class, "1.50"));
        assertInvalid(double.class, "'1.5'", "arguments.v: expected number, got string \"1.5\"");
        assertInvalid(float.class, "1e39", "arguments.v: expected number within float range, got number 1E+39");
        assertInvalid(double.class, "1e400", "arguments.v: expected number within double range, got number 1E+400");
        assertInvalid(Double.class, "null", "arguments.v: expected number, got null");
    }

    @Test
    void stringsAndChars() throws InvalidValueException {
        assertEquals("hi", bind(String.class, "'hi'"));
        assertEquals('x', bind(char.class, "'x'"));
        assertInvalid(String.class, "5", "arguments.v: expected string, got number 5");
        assertInvalid(String.class, "null", "arguments.v: expected string, got null");
        assertInvalid(char.class, "'xy'", "arguments.v: expected string of one character, got string \"xy\"");
        assertInvalid(Character.class, "''", "arguments.v: expected string of one character, got string \"\"");
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String text = "x".repeat(200);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> bind(int.class, "'" + text + "'"));
        assertEquals("arguments.v: expected integer, got string \"" + "x".repeat(59) + "...", e.getMessage());
    }

    @Test
    void formattedStrings() throws InvalidValueException {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals(id, bind(UUID.class, "'123e4567-e89b-12d3-a456-426614174000'"));
        assertEquals(URI.create("https://example.com/a?b=c"), bind(URI.class, "'https://example.com/a?b=c'"));
        assertEquals(LocalDate.of(2024, 2, 29), bind(LocalDate.class, "'2024-02-29'"));
        assertEquals(LocalDateTime.of(2024, 1, 31, 10, 15, 30), bind(LocalDateTime.class, "'2024-01-31T10:15:30'"));
        assertEquals(OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.ofHours(2)),
                bind(OffsetDateTime.class, "'2024-01-31T10:15:30+02:00'"));
        assertEquals(Instant.parse("2024-01-31T08:15:30Z"), bind(Instant.class, "'2024-01-31T10:15:30+02:00'"));
        assertEquals(Instant.parse("2024-01-31T10:15:30.5Z"), bind(Instant.class, "'2024-01-31t10:15:30.5z'"));
        assertEquals(ZonedDateTime.of(2024, 1, 31, 10, 15, 30, 0, ZoneOffset.UTC),
                bind(ZonedDateTime.class, "'2024-01-31T10:15:30Z'"));
        assertEquals(Duration.ofMinutes(90), bind(Duration.class, "'PT1H30M'"));
    }

    @Test
    void badFormattedStrings() {
        assertInvalid(UUID.class, "'1-1-1-1-1'", "arguments.v: expected UUID string, got string \"1-1-1-1-1\"");
        assertInvalid(UUID.class, "'123e4567-e89b-12d3-a456-42661417400g'",
                "arguments.v: expected UUID string, got string \"123e4567-e89b-12d3-a456-42661417400g\"");
        assertInvalid(URI.class, "'relative/path'",
                "arguments.v: expected absolute URI string, got string \"relative/path\"");
        assertInvalid(URI.class, "'http://a b'", "arguments.v: expected absolute URI string, got string \"http://a b\"");
        assertInvalid(LocalDate.class, "'2023-02-29'",
                "arguments.v: expected date string (YYYY-MM-DD), got string \"2023-02-29\"");
        assertInvalid(LocalDate.class, "20240101",
                "arguments.v: expected date string (YYYY-MM-DD), got number 20240101");
        assertInvalid(OffsetDateTime.class, "'2024-01-31T10:15:30'",
                "arguments.v: expected date-time string (RFC 3339, e.g. 2024-01-31T10:15:30Z), "
                        + "got string \"2024-01-31T10:15:30\"");
        assertInvalid(Duration.class, "'90 minutes'",
                "arguments.v: expected duration string (ISO 8601, e.g. PT1H30M), got string \"90 minutes\"");
        assertInvalid(LocalDateTime.class, "null",
                "arguments.v: expected local date-time string (YYYY-MM-DDThh:mm:ss), got null");
    }

    @Test
    void enums() throws InvalidValueException {
        assertSame(Color.RED, bind(Color.class, "'RED'"));
        assertSame(Color.BLUE, bind(Color.class, "'dark-blue'"));
        assertInvalid(Color.class, "'BLUE'", "arguments.v: expected one of [RED, GREEN, dark-blue], got string \"BLUE\"");
        assertInvalid(Color.class, "'red'", "arguments.v: expected one of [RED, GREEN, dark-blue], got string \"red\"");
        assertInvalid(Color.class, "0", "arguments.v: expected one of [RED, GREEN, dark-blue], got number 0");
    }

    @Test
    void lists() throws InvalidValueException {
        Object list = bind(generic("stringList"), "['a','b','a']");
        assertInstanceOf(ArrayList.class, list);
        assertEquals(List.of("a", "b", "a"), list);
        assertEquals(List.of(Color.RED), bind(generic("colorCollection"), "['RED']"));
        assertEquals(List.of("x"), bind(generic("iterable"), "['x']"));
        assertEquals(List.of(), bind(generic("stringList"), "[]"));
    }

    @Test
    void listItemErrorsCarryTheIndex() {
        InvalidValueException e = assertInvalid(generic("stringList"), "['a','b',3]",
                "arguments.v[2]: expected string, got number 3");
        assertEquals("arguments.v[2]", e.path());
        assertInvalid(generic("stringList"), "'a'", "arguments.v: expected array, got string \"a\"");
        assertInvalid(generic("stringList"), "['a',null]", "arguments.v[1]: expected string, got null");
    }

    @Test
    void sets() throws InvalidValueException {
        Object set = bind(generic("stringSet"), "['b','a']");
        assertInstanceOf(LinkedHashSet.class, set);
        assertEquals(List.of("b", "a"), new ArrayList<>((Set<?>) set));
        Object sorted = bind(generic("sortedInts"), "[3,1,2]");
        assertInstanceOf(TreeSet.class, sorted);
        assertEquals(List.of(1, 2, 3), new ArrayList<>((Set<?>) sorted));
        assertInvalid(generic("stringSet"), "['a','b','a']", "arguments.v[2]: duplicate item string \"a\"");
        assertInvalid(generic("sortedInts"), "[1,1.0]", "arguments.v[1]: duplicate item number 1.0");
    }

    @Test
    void arrays() throws InvalidValueException {
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) bind(int[].class, "[1,2,3]"));
        assertArrayEquals(new String[] {"a"}, (String[]) bind(String[].class, "['a']"));
        assertArrayEquals(new double[][] {{1.0}, {}}, (double[][]) bind(double[][].class, "[[1],[]]"));
        Object listArray = bind(generic("listArray"), "[['a'],[]]");
        assertArrayEquals(new Object[] {List.of("a"), List.of()}, (List<?>[]) listArray);
        assertInvalid(int[].class, "[1,2,'x']", "arguments.v[2]: expected integer, got string \"x\"");
        assertInvalid(int[].class, "[null]", "arguments.v[0]: expected integer, got null");
        assertInvalid(double[][].class, "[[1],[2,'x']]", "arguments.v[1][1]: expected number, got string \"x\"");
    }

    @Test
    void maps() throws InvalidValueException {
        Object map = bind(generic("stringToInt"), "{'b':2,'a':1}");
        assertInstanceOf(LinkedHashMap.class, map);
        assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) map).keySet()));
        assertEquals(Map.of(Color.BLUE, "x"), bind(generic("colorToString"), "{'dark-blue':'x'}"));
        assertInvalid(generic("stringToInt"), "{'a':1,'b':'x'}", "arguments.v.b: expected integer, got string \"x\"");
        assertInvalid(generic("stringToInt"), "{'odd key':true}",
                "arguments.v[\"odd key\"]: expected integer, got boolean true");
        assertInvalid(generic("colorToString"), "{'PURPLE':'x'}",
                "arguments.v: invalid key \"PURPLE\": expected one of [RED, GREEN, dark-blue]");
        assertInvalid(generic("stringToPoints"), "{'p':[{'x':1,'y':2},{'x':1}]}",
                "arguments.v.p[1]: missing required property 'y'");
        assertInvalid(generic("stringToInt"), "[]", "arguments.v: expected object, got array");
    }

    @Test
    void optionals() throws InvalidValueException {
        assertEquals(Optional.of("a"), bind(generic("optionalString"), "'a'"));
        assertEquals(Optional.empty(), bind(generic("optionalString"), "null"));
        assertEquals(OptionalInt.of(3), bind(OptionalInt.class, "3"));
        assertEquals(OptionalInt.empty(), bind(OptionalInt.class, "null"));
        assertEquals(OptionalLong.of(3), bind(OptionalLong.class, "3"));
        assertEquals(OptionalDouble.of(0.5), bind(OptionalDouble.class, "0.5"));
        assertEquals(Optional.of(new Point(1, 2)), bind(generic("optionalPoint"), "{'x':1,'y':2}"));
        assertInvalid(generic("optionalString"), "5", "arguments.v: expected string, got number 5");
        assertInvalid(OptionalInt.class, "1.5", "arguments.v: expected integer, got number 1.5");
    }

    @Test
    void jsonValuesAreBoundAsIs() throws InvalidValueException {
        JsonValue v = json("{'a':[1,'x']}");
        assertSame(v, JsonTypes.of(JsonValue.class).fromJson(v, "p"));
        assertSame(v, JsonTypes.of(JsonObject.class).fromJson(v, "p"));
        assertSame(JsonValue.NULL, JsonTypes.of(JsonValue.class).fromJson(JsonValue.NULL, "p"));
        JsonValues values = (JsonValues) bind(JsonValues.class,
                "{'any':null,'object':{},'array':[1],'string':'s','number':2.5}");
        assertEquals(JsonValue.NULL, values.any());
        assertEquals(json("[1]"), values.array());
        assertEquals("s", values.string().getString());
        assertInvalid(JsonObject.class, "[]", "arguments.v: expected object, got array");
        assertInvalid(jakarta.json.JsonArray.class, "null", "arguments.v: expected array, got null");
        assertInvalid(jakarta.json.JsonStructure.class, "1", "arguments.v: expected object or array, got number 1");
    }

    @Test
    void objectBindsToNaturalJavaValues() throws InvalidValueException {
        Object v = bind(Object.class, "{'s':'x','i':1,'big':12345678901234567890,'d':1.5,'b':true,'n':null,"
                + "'l':[1,'a']}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("i", 1L);
        expected.put("big", new BigDecimal("12345678901234567890"));
        expected.put("d", new BigDecimal("1.5"));
        expected.put("b", true);
        expected.put("n", null);
        expected.put("l", List.of(1L, "a"));
        assertEquals(expected, v);
        assertEquals(null, bind(Object.class, "null"));
    }

    @Test
    void records() throws InvalidValueException {
        assertEquals(new Point(1, 2), bind(Point.class, "{'x':1,'y':2}"));
        assertEquals(new Point(1, 2), bind(Point.class, "{'y':2,'x':1.0}"));
        assertEquals(new Labelled("l", new Point(0, 0), Optional.empty()),
                bind(Labelled.class, "{'label':'l','point':{'x':0,'y':0}}"));
        assertEquals(new Labelled("l", new Point(0, 0), Optional.empty()),
                bind(Labelled.class, "{'label':'l','point':{'x':0,'y':0},'note':null}"));
        assertEquals(new Labelled("l", new Point(0, 0), Optional.of("n")),
                bind(Labelled.class, "{'label':'l','point':{'x':0,'y':0},'note':'n'}"));
        assertEquals(new Optionals(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
                OptionalDouble.empty()), bind(Optionals.class, "{}"));
    }

    @Test
    void recordErrors() {
        assertInvalid(Point.class, "{'x':1}", "arguments.v: missing required property 'y'");
        assertInvalid(Point.class, "{'x':1,'y':2,'z':3}", "arguments.v: unknown property \"z\" (allowed: x, y)");
        assertInvalid(Fixtures.Empty.class, "{'z':3}", "arguments.v: unknown property \"z\" (no properties are allowed)");
        InvalidValueException e = assertInvalid(Labelled.class, "{'label':'l','point':{'x':'abc','y':0}}",
                "arguments.v.point.x: expected integer, got string \"abc\"");
        assertEquals("arguments.v.point.x", e.path());
        assertInvalid(Labelled.class, "{'label':null,'point':{'x':1,'y':0}}",
                "arguments.v.label: expected string, got null");
        assertInvalid(Point.class, "null", "arguments.v: expected object, got null");
        assertInvalid(Point.class, "[1,2]", "arguments.v: expected object, got array");
    }

    @Test
    void recordRenamedAndTransientComponents() throws InvalidValueException {
        assertEquals(new Renamed("Ada", null, 36), bind(Renamed.class, "{'first-name':'Ada','age':36}"));
        assertInvalid(Renamed.class, "{'firstName':'Ada','age':36}",
                "arguments.v: unknown property \"firstName\" (allowed: first-name, age)");
        assertInvalid(Renamed.class, "{'first-name':'Ada','age':36,'secret':'s'}",
                "arguments.v: unknown property \"secret\" (allowed: first-name, age)");
    }

    @Test
    void compactConstructorValidationIsAnInvalidValue() throws InvalidValueException {
        assertEquals(new Positive(1), bind(Positive.class, "{'value':1}"));
        assertInvalid(Positive.class, "{'value':0}", "arguments.v: value must be positive");
    }

    @Test
    void pojos() throws InvalidValueException {
        Person p = (Person) bind(Person.class, "{'name':'Ada','age':36,'labels':['x'],'active':true}");
        assertEquals(new Person("Ada", 36, List.of("x"), true), p);
        assertEquals(Optional.empty(), p.getNickname());
        Person q = (Person) bind(Person.class, "{'age':1,'active':false,'nickname':'n'}");
        assertEquals(null, q.getName());
        assertEquals(Optional.of("n"), q.getNickname());
    }

    @Test
    void pojoErrors() {
        assertInvalid(Person.class, "{'name':'Ada','active':true}", "arguments.v: missing required property 'age'");
        assertInvalid(Person.class, "{'age':1,'active':true,'password':'p'}",
                "arguments.v: unknown property \"password\" (allowed: active, age, labels, name, nickname)");
        assertInvalid(Person.class, "{'age':1,'active':true,'labels':[1]}",
                "arguments.v.labels[0]: expected string, got number 1");
        assertInvalid(Person.class, "{'age':1,'active':'yes'}", "arguments.v.active: expected boolean, got string \"yes\"");
    }

    @Test
    void emptyPathGivesABareMessage() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> JsonTypes.of(Point.class).fromJson(json("{'x':1,'y':'a'}"), ""));
        assertEquals("y", e.path());
        assertEquals("y: expected integer, got string \"a\"", e.getMessage());
        InvalidValueException root = assertThrows(InvalidValueException.class,
                () -> JsonTypes.of(int.class).fromJson(JsonValue.TRUE, ""));
        assertEquals("", root.path());
        assertEquals("expected integer, got boolean true", root.getMessage());
    }
}
