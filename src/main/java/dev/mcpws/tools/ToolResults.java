package dev.mcpws.tools;

import dev.mcpws.api.Content;
import dev.mcpws.api.ToolResult;
import dev.mcpws.features.ContentJson;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.schema.JsonType;
import dev.mcpws.schema.JsonTypes;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/** Turns what a tool method returned into a {@code CallToolResult} for the request's protocol version. */
final class ToolResults {

    private ToolResults() {
    }

    static JsonObject error(String message) {
        return Json2.object().add("content", Json2.array().add(text(message))).add("isError", true).build();
    }

    static JsonObject toResult(Object value, ToolDefinition tool, String version) {
        if (value == null) {
            return content(List.of(), null, null, false, version);
        }
        if (value instanceof ToolResult r) {
            return content(r.content(), r.structuredContent(), null, r.isError(), version);
        }
        if (value instanceof String s) {
            return content(List.of(Content.text(s)), null, null, false, version);
        }
        if (value instanceof Content c) {
            return content(List.of(c), null, null, false, version);
        }
        if (value instanceof List<?> list && list.stream().allMatch(Content.class::isInstance)
                && (!list.isEmpty() || tool.output() == null)) {
            return content(list.stream().map(Content.class::cast).toList(), null, null, false, version);
        }
        if (tool.output() == null && (value instanceof Number || value instanceof Boolean)) {
            return content(List.of(Content.text(value.toString())), null, null, false, version);
        }
        if (value instanceof Enum<?> e) {
            // the JSON name (honours @JsonbProperty), as the schema of an enum argument would say it
            JsonValue name = JsonTypes.of(e.getDeclaringClass()).toJson(e);
            String text = name instanceof jakarta.json.JsonString js ? js.getString() : e.name();
            return content(List.of(Content.text(text)), null, null, false, version);
        }
        return content(List.of(), value, tool.output(), false, version);
    }

    private static JsonObject content(List<Content> blocks, Object structured, JsonType type, boolean isError,
                                      String version) {
        JsonArrayBuilder content = Json2.array();
        for (Content c : blocks) {
            content.add(toJson(c, version));
        }
        JsonObjectBuilder result = Json2.object();
        if (structured != null) {
            // without a declared type, write by runtime class (Object's model does that); JsonTypes.of(getClass())
            // rejects the JDK's immutable collections (Map.of, List.of), the usual way to build such a value
            JsonValue json = (type != null ? type : JsonTypes.of(Object.class)).toJson(structured);
            if (blocks.isEmpty()) {
                content.add(text(JsonRpcCodec.toText(json)));
            }
            boolean structuredKnown = version.compareTo(ProtocolVersion.V2025_06_18) >= 0;
            boolean objectOnly = version.compareTo(ProtocolVersion.V2026_07_28) < 0;
            if (structuredKnown && (!objectOnly || json.getValueType() == JsonValue.ValueType.OBJECT)) {
                result.add("structuredContent", json);
            }
        }
        result.add("content", content);
        if (isError) {
            result.add("isError", true);
        }
        return result.build();
    }

    private static JsonObject text(String text) {
        return ContentJson.text(text);
    }

    /** One content block, downgraded to text when the version does not know its type. */
    static JsonObject toJson(Content content, String version) {
        return ContentJson.block(content, version);
    }
}
