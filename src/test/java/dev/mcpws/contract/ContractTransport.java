package dev.mcpws.contract;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * What every contract scenario needs from a transport: a fresh client line to the server under test. The scenario
 * groups are interfaces extending this one; a concrete test class (in memory, WebSocket, HTTP) implements them all.
 */
public interface ContractTransport {

    /** A new line to the server (a socket, an HTTP client, an in-memory connection). */
    Wire wire();

    /** What this transport's server can do beyond the common contract. */
    Set<Capability> capabilities();

    /** A client of {@code era} without declared client capabilities. */
    default McpTestClient client(Era era) {
        return client(era, JsonValue.EMPTY_JSON_OBJECT);
    }

    /** A client of {@code era}: legacy does initialize (2025-11-25) + initialized; modern sends the 2026-07-28 _meta. */
    default McpTestClient client(Era era, JsonObject capabilities) {
        return McpTestClient.of(era, wire(), capabilities);
    }

    /** A legacy client that negotiated {@code version}. */
    default McpTestClient legacyClient(String version) {
        return McpTestClient.legacy(wire(), version, JsonValue.EMPTY_JSON_OBJECT);
    }

    /** A client that sent nothing yet. */
    default McpTestClient bare(Era era) {
        return McpTestClient.bare(wire(), era);
    }

    default boolean has(Capability c) {
        return capabilities().contains(c);
    }
}
