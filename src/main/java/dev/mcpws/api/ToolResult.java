package dev.mcpws.api;

import java.util.List;

/**
 * A complete tool result, for tools that want to set everything themselves.
 *
 * @param content           the content blocks (never null)
 * @param structuredContent a record/POJO/Map sent as {@code structuredContent}, or null
 * @param isError           true for a tool execution error the model should see
 */
public record ToolResult(List<Content> content, Object structuredContent, boolean isError) {

    public ToolResult {
        content = List.copyOf(content);
    }

    public static ToolResult of(Content... content) {
        return new ToolResult(List.of(content), null, false);
    }

    public static ToolResult text(String text) {
        return of(Content.text(text));
    }

    public static ToolResult error(String message) {
        return new ToolResult(List.of(Content.text(message)), null, true);
    }
}
