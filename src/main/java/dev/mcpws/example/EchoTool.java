package dev.mcpws.example;

import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import jakarta.enterprise.context.ApplicationScoped;

/** The smallest useful tool: returns its input. Handy for checking a client and for benchmarks. */
@ApplicationScoped
public class EchoTool {

    @Tool(name = "echo", title = "Echo", description = "Returns the given text unchanged.", nonBlocking = true,
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
                    openWorldHint = false))
    public String echo(@ToolArg(description = "The text to return") String text) {
        return text;
    }
}
