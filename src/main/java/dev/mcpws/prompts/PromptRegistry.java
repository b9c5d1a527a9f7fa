package dev.mcpws.prompts;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** All prompts of the server, sorted by name (the deterministic {@code prompts/list} order). Thread-safe. */
public final class PromptRegistry {

    private final ConcurrentSkipListMap<String, PromptDefinition> prompts = new ConcurrentSkipListMap<>();

    /** Adds a prompt found at deploy time; a second prompt of the same name is an error. */
    public void add(PromptDefinition prompt) {
        if (prompts.putIfAbsent(prompt.name(), prompt) != null) {
            throw new IllegalArgumentException("Two prompts are named '" + prompt.name() + "'");
        }
    }

    public PromptDefinition get(String name) {
        return prompts.get(name);
    }

    public NavigableMap<String, PromptDefinition> all() {
        return prompts;
    }

    public int size() {
        return prompts.size();
    }
}
