package dev.mcpws.engine;

import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** A feature area (tools, resources, prompts, ...): the methods it serves and the capabilities it advertises. */
public interface ServerFeature {

    /** Method name to handler; each handler is called for both eras unless it checks {@link RequestContext#era()}. */
    Map<String, MethodHandler> methods();

    /** Adds this feature's entry to the server capabilities for {@code protocolVersion}. */
    void capabilities(JsonObjectBuilder capabilities, String protocolVersion);
}
