package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import java.util.Base64;
import java.util.List;

/** The result of {@code resources/read}: one or more contents, each with {@code text} or base64 {@code blob}. */
public record ResourceContents(List<JsonObject> contents, JsonObject json) {

    static ResourceContents from(JsonObject o) {
        return new ResourceContents(JsonValues.objects(o, "contents"), o);
    }

    /** The text of the first content, or null when it has none. */
    public String text() {
        return contents.isEmpty() ? null : Json2.stringOrNull(contents.get(0), "text");
    }

    /** The decoded bytes of the first content's blob, or null when it has none. */
    public byte[] blob() {
        String b = contents.isEmpty() ? null : Json2.stringOrNull(contents.get(0), "blob");
        return b == null ? null : Base64.getDecoder().decode(b);
    }
}
