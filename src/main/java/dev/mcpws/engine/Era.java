package dev.mcpws.engine;

/** The two protocol eras one endpoint serves. */
public enum Era {
    /** 2025-11-25 and older: an {@code initialize} handshake fixes the version for the connection. */
    LEGACY,
    /** 2026-07-28: every request carries its version and capabilities in {@code _meta}. */
    MODERN
}
