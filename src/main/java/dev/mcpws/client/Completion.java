package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** The answer of {@code completion/complete}: at most 100 values; {@code total} may be null. */
public record Completion(List<String> values, Integer total, boolean hasMore) {

    /** From a {@code completion/complete} result. */
    static Completion from(JsonObject result) {
        JsonObject c = Json2.object(result, "completion");
        JsonArray array = Json2.arrayOrNull(c, "values");
        List<String> values = array == null ? List.of() : array.stream().filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).getString()).toList();
        Integer total = c.get("total") instanceof JsonNumber n ? n.intValue() : null;
        return new Completion(values, total, c.get("hasMore") == JsonValue.TRUE);
    }
}
