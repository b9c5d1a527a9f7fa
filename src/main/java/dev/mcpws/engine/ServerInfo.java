package dev.mcpws.engine;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Who this server is (the MCP {@code Implementation}) and what it tells clients. */
public record ServerInfo(String name, String version, String title, String instructions) {

    /** The Implementation object for a given protocol version. */
    public JsonObject implementation(String protocolVersion) {
        JsonObjectBuilder b = Json2.object().add("name", name).add("version", version);
        if (title != null && !title.isBlank() && protocolVersion.compareTo("2025-06-18") >= 0) {
            b.add("title", title);
        }
        return b.build();
    }
}
