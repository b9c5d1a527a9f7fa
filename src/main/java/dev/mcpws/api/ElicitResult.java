package dev.mcpws.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The user's answer to an elicitation.
 *
 * @param action  {@code accept} (content holds the data), {@code decline} or {@code cancel}
 * @param content the submitted form data (empty unless accepted in form mode)
 */
public record ElicitResult(Action action, JsonObject content) {

    public enum Action { accept, decline, cancel }

    public ElicitResult {
        content = content == null ? JsonValue.EMPTY_JSON_OBJECT : content;
    }

    public boolean accepted() {
        return action == Action.accept;
    }

    /** A string field of the content, or null. */
    public String string(String name) {
        return content.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
