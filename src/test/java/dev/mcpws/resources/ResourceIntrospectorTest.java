package dev.mcpws.resources;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.McpResource;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.testing.Methods;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A resource or template that cannot work fails when it is read at deploy time, with a message naming the problem. */
class ResourceIntrospectorTest {

    public static class Broken {
        @McpResource(uri = "x://a")
        public String withArgument(String id) {
            return id;
        }

        @McpResource(uri = "users://{id}")
        public String templateAsResource() {
            return "";
        }

        @McpResource(uri = "relative/path")
        public String relative() {
            return "";
        }

        @McpResource(uri = "x://b")
        public int wrongReturn() {
            return 1;
        }

        @ResourceTemplate(uriTemplate = "users://{id}")
        public String notAVariable(String name) {
            return name;
        }

        @ResourceTemplate(uriTemplate = "users://{id}")
        public String objectVariable(Map<String, String> id) {
            return "";
        }

        @ResourceTemplate(uriTemplate = "users://{id,name}")
        public String level3() {
            return "";
        }

        @McpResource(uri = "x://c", size = 3)
        public Object fine() {
            return "";
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "withArgument|takes only RequestInfo",
            "templateAsResource|use @ResourceTemplate",
            "relative|not absolute",
            "wrongReturn|return type int",
            "notAVariable|'name' is not a variable",
            "objectVariable|variable 'id' has type",
            "level3|level 3-4"})
    void rejects(String method, String why) {
        var m = Methods.named(Broken.class, method);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            if (m.isAnnotationPresent(McpResource.class)) {
                ResourceIntrospector.resource(m, Methods.on(new Broken(), m));
            } else {
                ResourceIntrospector.template(m, Methods.on(new Broken(), m));
            }
        });
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains(method), "the message names the method: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource("fine")
    void acceptsObjectReturns(String method) {
        var m = Methods.named(Broken.class, method);
        assertTrue(ResourceIntrospector.resource(m, Methods.on(new Broken(), m)).toJson("2025-11-25").containsKey("size"));
    }
}
