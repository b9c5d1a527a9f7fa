package dev.mcpws.example;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.PromptArg;
import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** A prompt with a required and an optional argument, and completion of the optional one. */
@ApplicationScoped
public class CodeReview {

    static final List<String> LANGUAGES = List.of("c", "c++", "c#", "go", "java", "javascript", "kotlin", "python",
            "ruby", "rust", "scala", "sql", "swift", "typescript");

    @Prompt(name = "code_review", title = "Code review",
            description = "Asks the model to review a piece of code for bugs, clarity and style.")
    public PromptResult review(@PromptArg(description = "The code to review") String code,
                               @PromptArg(description = "Its programming language", required = false) String language) {
        String lang = language == null || language.isBlank() ? "" : language.strip();
        return new PromptResult("Code review" + (lang.isEmpty() ? "" : " (" + lang + ")"), List.of(
                PromptMessage.user("Please review this " + (lang.isEmpty() ? "code" : lang + " code")
                        + ". Point out bugs first, then clarity and style, and suggest concrete changes.\n\n"
                        + "```" + lang + "\n" + code + "\n```")));
    }

    @CompletePrompt("code_review")
    public List<String> language(String language) {
        String typed = language.toLowerCase(Locale.ROOT);
        return LANGUAGES.stream().filter(l -> l.startsWith(typed)).toList();
    }
}
