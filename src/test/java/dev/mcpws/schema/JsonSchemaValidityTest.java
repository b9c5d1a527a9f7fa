package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.generic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.mcpws.schema.Fixtures.Collections;
import dev.mcpws.schema.Fixtures.Color;
import dev.mcpws.schema.Fixtures.JsonValues;
import dev.mcpws.schema.Fixtures.Labelled;
import dev.mcpws.schema.Fixtures.Light;
import dev.mcpws.schema.Fixtures.Node;
import dev.mcpws.schema.Fixtures.Numbers;
import dev.mcpws.schema.Fixtures.Person;
import dev.mcpws.schema.Fixtures.Point;
import dev.mcpws.schema.Fixtures.Texts;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated schema is valid against the JSON Schema 2020-12 meta-schema, and what toJson writes validates
 * against schema() (with format assertions on), using networknt json-schema-validator.
 */
class JsonSchemaValidityTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    static Stream<Type> types() {
        return Stream.of(boolean.class, Boolean.class, byte.class, short.class, int.class, long.class,
                BigInteger.class, float.class, double.class, BigDecimal.class, String.class, char.class,
                UUID.class, URI.class, LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
                Instant.class, ZonedDateTime.class, OffsetTime.class, Duration.class, Period.class, Color.class,
                Light.class, int[].class, String[][].class, OptionalInt.class, OptionalLong.class,
                OptionalDouble.class, JsonValue.class, JsonObject.class, jakarta.json.JsonStructure.class,
                Object.class, Point.class, Labelled.class, Numbers.class, Texts.class, Collections.class,
                JsonValues.class, Person.class, Node.class, Fixtures.Forest.class, Fixtures.A.class,
                Fixtures.Category.class, Fixtures.Empty.class, Fixtures.Renamed.class, Fixtures.PointHolder.class,
                generic("stringList"), generic("stringSet"), generic("colorToString"), generic("stringToPoints"),
                generic("optionalPoint"), generic("nodes"), generic("nodeMap"), generic("stringTree"),
                generic("listArray"));
    }

    private static List<Error> metaErrors(JsonObject schema) {
        return META_SCHEMA.validate(schema.toString(), InputFormat.JSON);
    }

    private static List<Error> errors(JsonObject schema, JsonValue instance) {
        return REGISTRY.getSchema(schema.toString(), InputFormat.JSON).validate(instance.toString(), InputFormat.JSON);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaIsValidAgainstTheMetaSchema(Type type) {
        JsonObject schema = JsonTypes.of(type).schema();
        assertEquals(List.of(), metaErrors(schema), schema::toString);
    }

    @Test
    void objectSchemaIsValidAgainstTheMetaSchema() {
        JsonObject schema = JsonTypes.objectSchema(List.of(
                new JsonTypes.Property("n", JsonTypes.of(int.class), "a count", true, Json.PROVIDER.createValue(10)),
                new JsonTypes.Property("nodes", JsonTypes.of(generic("nodes")), null, false, null)));
        assertEquals(List.of(), metaErrors(schema), schema::toString);
    }

    @Test
    void theMetaSchemaCheckCanFail() {
        assertFalse(metaErrors(Fixtures.obj("{'type':'integr'}")).isEmpty());
        assertFalse(metaErrors(Fixtures.obj("{'properties':{'a':5}}")).isEmpty());
        assertFalse(metaErrors(Fixtures.obj("{'required':'a'}")).isEmpty());
    }

    static Stream<TestValues.Sample> samples() {
        return TestValues.samples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writtenValuesValidateAgainstTheSchema(TestValues.Sample sample) {
        JsonType t = JsonTypes.of(sample.type());
        JsonValue written = t.toJson(sample.value());
        assertEquals(List.of(), errors(t.schema(), written), () -> written + " against " + t.schema());
    }

    @Test
    void invalidInstancesAreRejectedByTheSchema() {
        JsonObject point = JsonTypes.of(Point.class).schema();
        assertFalse(errors(point, Fixtures.json("{'x':1}")).isEmpty());
        assertFalse(errors(point, Fixtures.json("{'x':1,'y':2,'z':3}")).isEmpty());
        assertFalse(errors(point, Fixtures.json("{'x':1,'y':2147483648}")).isEmpty());
        assertFalse(errors(JsonTypes.of(UUID.class).schema(), Fixtures.json("'nope'")).isEmpty());
        assertFalse(errors(JsonTypes.of(generic("stringSet")).schema(), Fixtures.json("['a','a']")).isEmpty());
    }

    @Test
    void recursionPointsValidate() {
        // the $ref at the recursion point is followed: a bad value deep down is caught
        JsonObject node = JsonTypes.of(Node.class).schema();
        assertTrue(errors(node, Fixtures.json("{'name':'a','children':[{'name':'b','children':[]}]}")).isEmpty());
        assertFalse(errors(node, Fixtures.json("{'name':'a','children':[{'name':'b','children':[{'name':1,"
                + "'children':[]}]}]}")).isEmpty());
        JsonObject nodes = JsonTypes.of(generic("nodes")).schema();
        assertTrue(errors(nodes, Fixtures.json("[{'name':'b','children':[{'name':'c','children':[]}]}]")).isEmpty());
        assertFalse(errors(nodes, Fixtures.json("[{'name':'b','children':[{'name':'c','children':[],'x':1}]}]"))
                .isEmpty());
        JsonObject input = JsonTypes.objectSchema(List.of(
                new JsonTypes.Property("tree", JsonTypes.of(Node.class), null, true, null)));
        assertTrue(errors(input, Fixtures.json("{'tree':{'name':'a','children':[{'name':'b','children':[]}]}}"))
                .isEmpty());
        assertFalse(errors(input, Fixtures.json("{'tree':{'name':'a','children':[{'name':'b'}]}}")).isEmpty());
    }

    @Test
    void valuesThatBindAlsoValidate() throws InvalidValueException {
        // the binder is not more lenient than the schema for these (2.0 is an integer in JSON Schema too)
        JsonObject schema = JsonTypes.of(Person.class).schema();
        JsonValue ok = Fixtures.json("{'age':2.0,'active':true,'labels':['a']}");
        JsonTypes.of(Person.class).fromJson(ok, "");
        assertEquals(List.of(), errors(schema, ok));
    }
}
