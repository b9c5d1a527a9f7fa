package dev.mcpws.client;

import java.util.Objects;

/** A root the client exposes to the server ({@code roots/list}): a file:// URI and an optional name. */
public record Root(String uri, String name) {

    public Root {
        Objects.requireNonNull(uri, "uri");
    }
}
