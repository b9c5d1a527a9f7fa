package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import jakarta.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by an input helper in 2026-07-28 when answers are not there yet: it unwinds the method (the feature code
 * passes {@link McpException}s through) and the engine answers with {@code resultType: "input_required"} asking every
 * question in {@code requests} (key to {@code {method, params}}) at once. Application code must not swallow it.
 */
final class InputRequired extends McpException {

    final Map<String, JsonObject> requests;

    InputRequired(Map<String, JsonObject> requests) {
        super(ErrorCodes.INTERNAL_ERROR, "input required: " + requests.keySet());
        this.requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests)); // in the order asked
    }
}
