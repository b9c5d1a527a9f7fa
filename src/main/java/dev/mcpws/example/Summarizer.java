package dev.mcpws.example;

import dev.mcpws.api.Sampling;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import jakarta.enterprise.context.ApplicationScoped;

/** Sampling: the tool has no model of its own and asks the client's model to write the summary. */
@ApplicationScoped
public class Summarizer {

    @Tool(name = "summarize_text", title = "Summarizer",
            description = "Summarizes a text in one sentence, written by the client's model (sampling).",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = false,
                    openWorldHint = true))
    public String summarize(@ToolArg(description = "The text to summarize (up to 20,000 characters)") String text,
                            Sampling sampling) {
        if (text.length() > 20_000) {
            throw new ToolException("text is longer than 20,000 characters");
        }
        if (!sampling.isSupported()) {
            throw new ToolException("This tool needs a client that offers sampling (its model writes the summary)");
        }
        return sampling.ask("Summarize in one sentence:\n\n" + text, 200).text();
    }
}
