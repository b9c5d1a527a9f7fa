package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A tool the server offers ({@code tools/list}); {@code json} is the whole definition as sent. */
public record ToolInfo(String name, String title, String description, JsonObject inputSchema, JsonObject outputSchema,
        JsonObject annotations, JsonObject json) {

    static ToolInfo from(JsonObject o) {
        JsonObject out = o.get("outputSchema") instanceof JsonObject s ? s : null;
        return new ToolInfo(Json2.stringOrNull(o, "name"), Json2.stringOrNull(o, "title"),
                Json2.stringOrNull(o, "description"), Json2.object(o, "inputSchema"), out, Json2.object(o, "annotations"), o);
    }

    /** {@code annotations.readOnlyHint}: the tool does not change its environment. */
    public boolean readOnly() {
        return annotations.get("readOnlyHint") == JsonValue.TRUE;
    }

    /** {@code annotations.idempotentHint}: calling it again with the same arguments has no further effect. */
    public boolean idempotent() {
        return annotations.get("idempotentHint") == JsonValue.TRUE;
    }
}
