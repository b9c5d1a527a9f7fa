package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static dev.mcpws.schema.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.schema.Fixtures.Box;
import dev.mcpws.schema.Fixtures.Color;
import dev.mcpws.schema.Fixtures.Empty;
import dev.mcpws.schema.Fixtures.Labelled;
import dev.mcpws.schema.Fixtures.Light;
import dev.mcpws.schema.Fixtures.Optionals;
import dev.mcpws.schema.Fixtures.Person;
import dev.mcpws.schema.Fixtures.Point;
import dev.mcpws.schema.Fixtures.PointHolder;
import dev.mcpws.schema.Fixtures.Renamed;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The exact schema produced for each kind of Java type. */
class JsonTypesSchemaTest {

    private static void assertSchema(String expected, Type type) {
        assertEquals(obj(expected), JsonTypes.of(type).schema(), () -> "schema of " + type.getTypeName());
    }

    @Test
    void booleans() {
        assertSchema("{'type':'boolean'}", boolean.class);
        assertSchema("{'type':'boolean'}", Boolean.class);
    }

    @Test
    void boundedIntegers() {
        assertSchema("{'type':'integer','minimum':-128,'maximum':127}", byte.class);
        assertSchema("{'type':'integer','minimum':-128,'maximum':127}", Byte.class);
        assertSchema("{'type':'integer','minimum':-32768,'maximum':32767}", short.class);
        assertSchema("{'type':'integer','minimum':-32768,'maximum':32767}", Short.class);
        assertSchema("{'type':'integer','minimum':-2147483648,'maximum':2147483647}", int.class);
        assertSchema("{'type':'integer','minimum':-2147483648,'maximum':2147483647}", Integer.class);
        assertSchema("{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807}", long.class);
        assertSchema("{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807}", Long.class);
    }

    @Test
    void bigIntegerHasNoBounds() {
        assertSchema("{'type':'integer'}", BigInteger.class);
    }

    @Test
    void numbers() {
        for (Class<?> c : List.of(float.class, Float.class, double.class, Double.class, BigDecimal.class)) {
            assertSchema("{'type':'number'}", c);
        }
    }

    @Test
    void strings() {
        assertSchema("{'type':'string'}", String.class);
        assertSchema("{'type':'string','minLength':1,'maxLength':1}", char.class);
        assertSchema("{'type':'string','minLength':1,'maxLength':1}", Character.class);
    }

    @Test
    void formattedStrings() {
        assertSchema("{'type':'string','format':'uuid'}", UUID.class);
        assertSchema("{'type':'string','format':'uri'}", URI.class);
        assertSchema("{'type':'string','format':'date'}", LocalDate.class);
        assertSchema("{'type':'string'}", LocalDateTime.class);
        assertSchema("{'type':'string'}", LocalTime.class);
        assertSchema("{'type':'string','format':'date-time'}", OffsetDateTime.class);
        assertSchema("{'type':'string','format':'date-time'}", Instant.class);
        assertSchema("{'type':'string','format':'date-time'}", ZonedDateTime.class);
        assertSchema("{'type':'string','format':'time'}", OffsetTime.class);
        assertSchema("{'type':'string','format':'duration'}", Duration.class);
        assertSchema("{'type':'string','format':'duration'}", Period.class);
    }

    @Test
    void enums() {
        assertSchema("{'type':'string','enum':['RED','GREEN','dark-blue']}", Color.class);
        assertSchema("{'type':'string','description':'Traffic light state','enum':['ON','OFF']}", Light.class);
    }

    @Test
    void listsCollectionsAndIterables() {
        assertSchema("{'type':'array','items':{'type':'string'}}", generic("stringList"));
        assertSchema("{'type':'array','items':{'type':'string'}}", generic("iterable"));
        assertSchema("{'type':'array','items':{'type':'string','enum':['RED','GREEN','dark-blue']}}",
                generic("colorCollection"));
        assertSchema("{'type':'array','items':{}}", List.class);
        assertSchema("{'type':'array','items':{}}", generic("unknownList"));
    }

    @Test
    void setsHaveUniqueItems() {
        assertSchema("{'type':'array','items':{'type':'string'},'uniqueItems':true}", generic("stringSet"));
        assertSchema("{'type':'array','items':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'uniqueItems':true}", generic("sortedInts"));
    }

    @Test
    void arrays() {
        assertSchema("{'type':'array','items':{'type':'integer','minimum':-2147483648,'maximum':2147483647}}",
                int[].class);
        assertSchema("{'type':'array','items':{'type':'boolean'}}", boolean[].class);
        assertSchema("{'type':'array','items':{'type':'array','items':{'type':'number'}}}", double[][].class);
        assertSchema("{'type':'array','items':{'type':'string'}}", String[].class);
        assertSchema("{'type':'array','items':{'type':'array','items':{'type':'string'}}}", generic("listArray"));
    }

    @Test
    void wildcardsUseTheirBound() {
        assertSchema("{'type':'array','items':{'type':'integer','minimum':-2147483648,'maximum':2147483647}}",
                generic("superIntegers"));
    }

    @Test
    void maps() {
        assertSchema("{'type':'object','additionalProperties':"
                + "{'type':'integer','minimum':-2147483648,'maximum':2147483647}}", generic("stringToInt"));
        assertSchema("{'type':'object','additionalProperties':{'type':'string'},"
                + "'propertyNames':{'enum':['RED','GREEN','dark-blue']}}", generic("colorToString"));
    }

    @Test
    void optionalsHaveTheSchemaOfTheirContent() {
        assertSchema("{'type':'string'}", generic("optionalString"));
        assertSchema("{'type':'integer','minimum':-2147483648,'maximum':2147483647}", OptionalInt.class);
        assertSchema("{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807}",
                OptionalLong.class);
        assertSchema("{'type':'number'}", OptionalDouble.class);
        assertTrue(JsonTypes.of(generic("optionalString")).isOptional());
        assertTrue(JsonTypes.of(OptionalInt.class).isOptional());
        assertFalse(JsonTypes.of(String.class).isOptional());
    }

    @Test
    void jsonProcessingTypes() {
        assertSchema("{}", JsonValue.class);
        assertSchema("{'type':'object'}", JsonObject.class);
        assertSchema("{'type':'array'}", JsonArray.class);
        assertSchema("{'type':['object','array']}", JsonStructure.class);
        assertSchema("{'type':'string'}", JsonString.class);
        assertSchema("{'type':'number'}", JsonNumber.class);
    }

    @Test
    void objectIsAnything() {
        assertSchema("{}", Object.class);
    }

    @Test
    void record() {
        assertSchema("{'type':'object','properties':{"
                + "'x':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'y':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['x','y'],'additionalProperties':false}", Point.class);
    }

    @Test
    void recordWithDescriptionsAndOptionalComponent() {
        assertSchema("{'type':'object','description':'A labelled point','properties':{"
                + "'label':{'type':'string','description':'The label'},"
                + "'point':{'type':'object','properties':{"
                + "'x':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'y':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['x','y'],'additionalProperties':false},"
                + "'note':{'type':'string'}},"
                + "'required':['label','point'],'additionalProperties':false}", Labelled.class);
    }

    @Test
    void recordPropertiesAreInDeclarationOrder() {
        JsonObject props = JsonTypes.of(Labelled.class).schema().getJsonObject("properties");
        assertEquals(List.of("label", "point", "note"), List.copyOf(props.keySet()));
    }

    @Test
    void recordRenamesAndSkipsComponents() {
        assertSchema("{'type':'object','properties':{'first-name':{'type':'string'},"
                + "'age':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['first-name','age'],'additionalProperties':false}", Renamed.class);
    }

    @Test
    void recordWithoutComponentsHasNoRequired() {
        assertSchema("{'type':'object','properties':{},'additionalProperties':false}", Empty.class);
    }

    @Test
    void recordOfOptionalsHasNoRequired() {
        assertSchema("{'type':'object','properties':{'text':{'type':'string'},"
                + "'count':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'big':{'type':'integer','minimum':-9223372036854775808,'maximum':9223372036854775807},"
                + "'ratio':{'type':'number'}},'additionalProperties':false}", Optionals.class);
    }

    @Test
    void genericRecordsAreResolved() {
        assertSchema("{'type':'object','properties':{'left':{'type':'string'},"
                + "'right':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['left','right'],'additionalProperties':false}", generic("stringIntPair"));
        assertSchema("{'type':'object','properties':{'value':{'type':'string'},"
                + "'values':{'type':'array','items':{'type':'string'}}},"
                + "'required':['value','values'],'additionalProperties':false}", generic("stringBox"));
        // a raw generic record: type variables become Object
        assertSchema("{'type':'object','properties':{'value':{},'values':{'type':'array','items':{}}},"
                + "'required':['value','values'],'additionalProperties':false}", Box.class);
    }

    @Test
    void pojoPropertiesAreAlphabeticalAndOnlyPrimitivesRequired() {
        assertSchema("{'type':'object','description':'A person','properties':{"
                + "'active':{'type':'boolean'},"
                + "'age':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'labels':{'type':'array','items':{'type':'string'}},"
                + "'name':{'type':'string','description':'Full name'},"
                + "'nickname':{'type':'string'}},"
                + "'required':['active','age'],'additionalProperties':false}", Person.class);
        JsonObject props = JsonTypes.of(Person.class).schema().getJsonObject("properties");
        assertEquals(List.of("active", "age", "labels", "name", "nickname"), List.copyOf(props.keySet()));
    }

    @Test
    void pojoInheritsGenericProperties() {
        assertSchema("{'type':'object','properties':{"
                + "'content':{'type':'object','properties':{"
                + "'x':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'y':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['x','y'],'additionalProperties':false},"
                + "'label':{'type':'string'}},'additionalProperties':false}", PointHolder.class);
    }

    @Test
    void absentValues() {
        assertEquals(java.util.Optional.empty(), JsonTypes.of(generic("optionalString")).absentValue());
        assertEquals(OptionalInt.empty(), JsonTypes.of(OptionalInt.class).absentValue());
        assertEquals(OptionalLong.empty(), JsonTypes.of(OptionalLong.class).absentValue());
        assertEquals(OptionalDouble.empty(), JsonTypes.of(OptionalDouble.class).absentValue());
        assertEquals(null, JsonTypes.of(String.class).absentValue());
        assertEquals(null, JsonTypes.of(int.class).absentValue());
    }

    @Test
    void schemasHaveNoSchemaKeyword() {
        for (Type t : List.of(Point.class, Person.class, Fixtures.Node.class, generic("nodes"), int.class)) {
            assertFalse(JsonTypes.of(t).schema().containsKey("$schema"), t.getTypeName());
        }
    }

    @Test
    void modelsAndSchemasAreBuiltOnce() {
        JsonType t = JsonTypes.of(Labelled.class);
        assertSame(t, JsonTypes.of(Labelled.class));
        assertSame(t.schema(), t.schema());
        // a parameterized type from reflection and an equal one built by this package share the cache entry
        Type jdk = generic("stringList");
        Type ours = new GenericTypes.Parameterized(List.class, null, new Type[] {String.class});
        assertEquals(jdk, ours);
        assertEquals(jdk.hashCode(), ours.hashCode());
        assertSame(JsonTypes.of(jdk), JsonTypes.of(ours));
    }
}
