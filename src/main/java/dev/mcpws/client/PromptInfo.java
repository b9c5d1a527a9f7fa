package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import java.util.List;

/** A prompt the server offers ({@code prompts/list}); {@code arguments} as sent (name, description, required). */
public record PromptInfo(String name, String title, String description, List<JsonObject> arguments, JsonObject json) {

    static PromptInfo from(JsonObject o) {
        return new PromptInfo(Json2.stringOrNull(o, "name"), Json2.stringOrNull(o, "title"),
                Json2.stringOrNull(o, "description"), JsonValues.objects(o, "arguments"), o);
    }
}
