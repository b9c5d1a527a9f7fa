package dev.mcpws.tools;

import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All tools of the server, sorted by name (the deterministic {@code tools/list} order). Thread-safe: changes are
 * rare and made one at a time; reads take no lock.
 */
public final class ToolRegistry {

    private final ConcurrentSkipListMap<String, ToolDefinition> tools = new ConcurrentSkipListMap<>();
    /** The same tools by name, for the lookup of every {@code tools/call} (a hash lookup, not a walk of the skip list). */
    private final ConcurrentHashMap<String, ToolDefinition> byName = new ConcurrentHashMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    /** Adds or replaces a tool. */
    public void put(ToolDefinition tool) {
        synchronized (tools) {
            tools.put(tool.name(), tool);
            byName.put(tool.name(), tool);
        }
        changed();
    }

    /** Adds a tool found at deploy time; a second tool of the same name is an error. */
    public void add(ToolDefinition tool) {
        synchronized (tools) {
            if (tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("Two tools are named '" + tool.name() + "'");
            }
            byName.put(tool.name(), tool);
        }
        changed();
    }

    public boolean remove(String name) {
        boolean removed;
        synchronized (tools) {
            removed = tools.remove(name) != null;
            byName.remove(name);
        }
        if (removed) {
            changed();
        }
        return removed;
    }

    public ToolDefinition get(String name) {
        return byName.get(name);
    }

    public Collection<ToolDefinition> all() {
        return tools.values();
    }

    /** The tools after {@code afterName} (exclusive), in order; all of them when it is null. */
    public NavigableMap<String, ToolDefinition> after(String afterName) {
        return afterName == null ? tools : tools.tailMap(afterName, false);
    }

    public int size() {
        return tools.size();
    }

    /** Runs {@code listener} after every change (add, replace, remove). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
