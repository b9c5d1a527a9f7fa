package dev.mcpws.client;

/** Which MCP era the client speaks: found by probing ({@link #AUTO}) or pinned. */
public enum ProtocolEra {
    /** Probe {@code server/discover}: a result or a modern error means modern, anything else legacy. */
    AUTO,
    /** {@code initialize} handshake, protocol 2025-11-25 (older versions as the server negotiates). */
    LEGACY,
    /** Stateless 2026-07-28: {@code _meta} on every request. */
    MODERN
}
