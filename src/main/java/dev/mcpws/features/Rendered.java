package dev.mcpws.features;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The list entry of a definition (tool, resource, template, prompt) per protocol version: rendered once per version,
 * decorated with the definition's {@link Presentation}, so nothing is built per list request.
 */
public final class Rendered {

    private volatile Presentation presentation = Presentation.NONE;
    private final Map<String, JsonObject> byVersion = new ConcurrentHashMap<>();

    /** The entry for {@code protocolVersion}; {@code render} builds the definition's own fields for a version. */
    public JsonObject get(String protocolVersion, Function<String, JsonObject> render) {
        return byVersion.computeIfAbsent(protocolVersion, v -> presentation.decorate(render.apply(v), v));
    }

    /** Sets the icons (and annotations) to send besides the definition's own fields (deploy time); forgets the entries. */
    public void presentation(Presentation presentation) {
        this.presentation = Objects.requireNonNull(presentation, "presentation");
        byVersion.clear();
    }
}
