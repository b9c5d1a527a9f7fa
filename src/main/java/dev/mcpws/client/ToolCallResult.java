package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of {@code tools/call}: content blocks, optional structured content, and whether the tool reported an
 * error ({@code isError}: a business failure, not a protocol error).
 */
public record ToolCallResult(List<JsonObject> content, JsonObject structuredContent, boolean isError, JsonObject json) {

    static ToolCallResult from(JsonObject o) {
        JsonObject structured = o.get("structuredContent") instanceof JsonObject s ? s : null;
        return new ToolCallResult(JsonValues.objects(o, "content"), structured,
                o.get("isError") == JsonValue.TRUE, o);
    }

    /** The text of every {@code text} content block, joined by newlines. */
    public String text() {
        return content.stream().filter(c -> "text".equals(Json2.stringOrNull(c, "type")))
                .map(c -> Json2.stringOrNull(c, "text")).collect(Collectors.joining("\n"));
    }
}
