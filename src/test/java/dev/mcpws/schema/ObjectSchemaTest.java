package dev.mcpws.schema;

import static dev.mcpws.schema.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpws.schema.Fixtures.Point;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonTypes.objectSchema: a tool's inputSchema from its parameters. */
class ObjectSchemaTest {

    private static JsonTypes.Property p(String name, Class<?> type, String description, boolean required,
            JsonValue defaultValue) {
        return new JsonTypes.Property(name, JsonTypes.of(type), description, required, defaultValue);
    }

    @Test
    void propertiesWithDescriptionsDefaultsAndRequired() {
        JsonObject schema = JsonTypes.objectSchema(List.of(
                p("query", String.class, "What to look for", true, null),
                p("limit", int.class, null, false, Json.PROVIDER.createValue(10)),
                p("point", Point.class, "Where", true, null)));
        assertEquals(obj("{'type':'object','properties':{"
                + "'query':{'type':'string','description':'What to look for'},"
                + "'limit':{'type':'integer','minimum':-2147483648,'maximum':2147483647,'default':10},"
                + "'point':{'type':'object','properties':{"
                + "'x':{'type':'integer','minimum':-2147483648,'maximum':2147483647},"
                + "'y':{'type':'integer','minimum':-2147483648,'maximum':2147483647}},"
                + "'required':['x','y'],'additionalProperties':false,'description':'Where'}},"
                + "'required':['query','point']}"), schema);
        assertEquals(List.of("query", "limit", "point"), List.copyOf(schema.getJsonObject("properties").keySet()));
    }

    @Test
    void noRequiredWhenNothingIsRequired() {
        assertEquals(obj("{'type':'object','properties':{'a':{'type':'boolean'}}}"),
                JsonTypes.objectSchema(List.of(p("a", boolean.class, "", false, null))));
        assertEquals(obj("{'type':'object','properties':{}}"), JsonTypes.objectSchema(List.of()));
    }

    @Test
    void propertyDescriptionOverridesTheTypeDescription() {
        JsonObject schema = JsonTypes.objectSchema(List.of(p("l", Fixtures.Light.class, "Switch", true, null)));
        assertEquals("Switch", schema.getJsonObject("properties").getJsonObject("l").getString("description"));
    }

    @Test
    void foreignJsonTypesHaveTheirDefinitionsHoisted() {
        JsonType foreign = new JsonType() {
            @Override
            public JsonObject schema() {
                return obj("{'$ref':'#/$defs/Thing','$defs':{'Thing':{'type':'string'}}}");
            }

            @Override
            public Object fromJson(JsonValue value, String path) {
                return value;
            }

            @Override
            public JsonValue toJson(Object value) {
                return (JsonValue) value;
            }

            @Override
            public boolean isOptional() {
                return false;
            }

            @Override
            public Object absentValue() {
                return null;
            }
        };
        assertEquals(obj("{'type':'object','properties':{'t':{'$ref':'#/$defs/Thing'}},'required':['t'],"
                + "'$defs':{'Thing':{'type':'string'}}}"),
                JsonTypes.objectSchema(List.of(new JsonTypes.Property("t", foreign, null, true, null))));
    }
}
