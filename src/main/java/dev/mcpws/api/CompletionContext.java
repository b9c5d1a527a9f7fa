package dev.mcpws.api;

import java.util.Map;

/**
 * What a completion method knows besides the value being typed.
 *
 * @param argument  the name of the argument (or template variable) being completed
 * @param arguments the values the client already chose for the other arguments ({@code context.arguments})
 */
public record CompletionContext(String argument, Map<String, String> arguments) {

    public CompletionContext {
        arguments = Map.copyOf(arguments);
    }
}
