package dev.mcpws.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The client's {@code CreateMessageResult}.
 *
 * @param role       usually {@code assistant}
 * @param content    the content block (or array of blocks, 2025-11-25) as sent
 * @param model      the model that answered
 * @param stopReason e.g. {@code endTurn}, or null
 * @param raw        the whole result object
 */
public record SamplingResult(String role, JsonValue content, String model, String stopReason, JsonObject raw) {

    /** The text of a text content block, or null. */
    public String text() {
        JsonValue c = content;
        if (c != null && c.getValueType() == JsonValue.ValueType.ARRAY && !c.asJsonArray().isEmpty()) {
            c = c.asJsonArray().get(0);
        }
        if (c instanceof JsonObject o && o.get("text") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }
}
