package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import jakarta.json.JsonObject;

/**
 * Thrown by an input helper in 2026-07-28 when the answer for {@code key} is not there yet: it unwinds the method
 * (the feature code passes {@link McpException}s through) and the engine answers with
 * {@code resultType: "input_required"}. Application code must not swallow it.
 */
final class InputRequired extends McpException {

    final String key;
    final String method;
    final JsonObject params;

    InputRequired(String key, String method, JsonObject params) {
        super(ErrorCodes.INTERNAL_ERROR, "input required: " + key);
        this.key = key;
        this.method = method;
        this.params = params;
    }
}
