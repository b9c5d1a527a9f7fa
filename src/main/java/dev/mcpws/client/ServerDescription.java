package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;

/**
 * What the client learnt of the server when it connected: the protocol version in use, the era, {@code serverInfo}
 * (name, version...), capabilities and instructions. Renewed after every reconnect.
 */
public record ServerDescription(String protocolVersion, ProtocolEra era, JsonObject serverInfo, JsonObject capabilities,
        String instructions) {

    public String name() {
        return Json2.stringOrNull(serverInfo, "name");
    }

    public String version() {
        return Json2.stringOrNull(serverInfo, "version");
    }

    /** True when the server advertises {@code capabilities[name]}. */
    public boolean has(String capability) {
        return capabilities.get(capability) instanceof JsonObject;
    }
}
