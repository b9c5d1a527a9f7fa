package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import java.util.List;

/** The result of {@code prompts/get}: messages with {@code role} and {@code content}. */
public record PromptResult(String description, List<JsonObject> messages, JsonObject json) {

    static PromptResult from(JsonObject o) {
        return new PromptResult(Json2.stringOrNull(o, "description"),
                JsonValues.objects(o, "messages"), o);
    }

    /** The text of the {@code i}-th message's content, or null when it is not text. */
    public String text(int i) {
        JsonObject content = Json2.object(messages.get(i), "content");
        return Json2.stringOrNull(content, "text");
    }
}
