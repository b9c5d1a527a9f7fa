package dev.mcpws.tools;

import dev.mcpws.schema.JsonType;
import jakarta.json.JsonValue;

/** One parameter of a tool method: a JSON argument, or a helper the server supplies. */
public sealed interface ToolParam {

    /**
     * An argument from {@code params.arguments}.
     *
     * @param defaultValue JSON default (or null); {@code defaultBound} is it bound once at deploy time
     */
    record Argument(String name, JsonType type, String description, boolean required, JsonValue defaultValue,
                    Object defaultBound) implements ToolParam {
    }

    /** A server-supplied helper: {@code Progress}, {@code Cancellation}, {@code RequestInfo}, {@code McpLog},
     * {@code Elicitation}, {@code Sampling} or {@code Roots}. */
    record Helper(Kind kind) implements ToolParam {
    }

    enum Kind { PROGRESS, CANCELLATION, REQUEST_INFO, LOG, ELICITATION, SAMPLING, ROOTS, TASK }
}
