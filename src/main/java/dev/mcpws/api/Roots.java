package dev.mcpws.api;

import java.util.List;
import java.util.function.Supplier;

/**
 * The client's roots (the directories or files it exposes, {@code roots/list}). Same two wire forms and rules as
 * {@link Elicitation}. On a legacy connection whose client declared {@code roots.listChanged}, the list is cached
 * per connection until {@code notifications/roots/list_changed} arrives (which also fires {@link McpRootsChanged}).
 */
public interface Roots {

    /** True when the client declared the {@code roots} capability. */
    boolean isSupported();

    List<Root> list();

    /** {@link #list} registered to be asked together with other questions: see {@link Elicitation#formLater}. */
    Supplier<List<Root>> listLater(String key);

    /** One root: a {@code file://} URI and an optional name (null when absent). */
    record Root(String uri, String name) {
    }
}
