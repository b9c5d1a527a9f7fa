package dev.mcpws.contract;

/** The two protocol eras a scenario runs in: the 2025-11-25 handshake era and the stateless 2026-07-28 era. */
public enum Era {
    LEGACY, MODERN;

    public static final String MODERN_VERSION = "2026-07-28";
    public static final String LEGACY_VERSION = "2025-11-25";
}
