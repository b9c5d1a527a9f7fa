package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** completion/complete: prompt arguments, template variables, context, the 100-value cap, capability per version. */
public interface CompletionsContract extends ContractTransport {

    static McpTestClient.Request complete(McpTestClient c, JsonObjectBuilder ref, String argument, String value) {
        return c.request("completion/complete").param("ref", ref).param("argument", obj().add("name", argument).add("value", value));
    }

    static JsonObjectBuilder prompt(String name) {
        return obj().add("type", "ref/prompt").add("name", name);
    }

    static JsonObjectBuilder template(String uri) {
        return obj().add("type", "ref/resource").add("uri", uri);
    }

    static List<String> values(JsonObject result) {
        return McpTestClient.strings(result.getJsonObject("completion").getJsonArray("values"));
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void completesPromptArgumentsWithContext(Era era) {
        try (McpTestClient c = client(era)) {
            assertEquals(List.of("java", "javascript"), values(complete(c, prompt("it_review"), "language", "ja").result()));
            assertEquals(List.of("lifetimes", "unsafe"), values(complete(c, prompt("it_review"), "focus", "")
                    .param("context", obj().add("arguments", obj().add("language", "rust"))).result()));
            assertEquals(List.of(), values(complete(c, prompt("it_review"), "code", "x").result()), "an argument without a completer");
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void completesTemplateVariablesCappedAt100(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject all = complete(c, template("it://orders/{id}"), "id", "1").result();
            assertEquals(100, values(all).size());
            assertEquals("1000", values(all).get(0));
            assertEquals(150, all.getJsonObject("completion").getInt("total"));
            assertTrue(all.getJsonObject("completion").getBoolean("hasMore"));
            if (era == Era.MODERN) {
                assertEquals("complete", all.getString("resultType"));
            }
            JsonObject few = complete(c, template("it://orders/{id}"), "id", "114").result();
            assertEquals(List.of("1140", "1141", "1142", "1143", "1144", "1145", "1146", "1147", "1148", "1149"), values(few));
            assertFalse(few.getJsonObject("completion").getBoolean("hasMore"));
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void programmaticTemplatesComplete(Era era) {
        try (McpTestClient c = client(era)) {
            try {
                c.tool("add_note").arg("name", "c1").arg("text", "x").call().result();
                assertEquals(List.of("d1", "d2"), values(complete(c, template("it://drafts/{n}"), "n", "d").result()));
            } finally {
                c.tool("remove_note").arg("name", "c1").call().result();
            }
            complete(c, template("it://drafts/{n}"), "n", "d").error(-32602);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void unknownReferencesAreMinus32602(Era era) {
        try (McpTestClient c = client(era)) {
            complete(c, prompt("nope"), "a", "").error(-32602);
            complete(c, prompt("it_review"), "colour", "").error(-32602);
            complete(c, template("it://nope/{x}"), "x", "").error(-32602);
        }
    }

    @Test
    default void theCapabilityIsAnnouncedFrom2025_03_26() {
        try (McpTestClient old = legacyClient("2024-11-05"); McpTestClient newer = legacyClient("2025-03-26");
             McpTestClient modern = client(Era.MODERN)) {
            assertFalse(old.initializeResult().getJsonObject("capabilities").containsKey("completions"));
            assertEquals(JsonObject.EMPTY_JSON_OBJECT, newer.initializeResult().getJsonObject("capabilities").getJsonObject("completions"));
            assertTrue(modern.request("server/discover").result().getJsonObject("capabilities").containsKey("completions"));
        }
    }
}
