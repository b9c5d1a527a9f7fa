package dev.mcpws.engine;

import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** A feature area (tools, resources, prompts, ...): the methods it serves and the capabilities it advertises. */
public interface ServerFeature {

    /** The methods this feature serves, with their eras, limits and targets. */
    List<MethodSpec> methods();

    /** Adds this feature's entry to the server capabilities for {@code protocolVersion}. */
    void capabilities(JsonObjectBuilder capabilities, String protocolVersion);
}
