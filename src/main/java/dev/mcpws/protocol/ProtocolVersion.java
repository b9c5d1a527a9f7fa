package dev.mcpws.protocol;

import java.util.List;

/** The MCP protocol versions this server speaks, and which era each belongs to. */
public final class ProtocolVersion {

    public static final String V2024_11_05 = "2024-11-05";
    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_11_25 = "2025-11-25";
    public static final String V2026_07_28 = "2026-07-28";

    /** Handshake versions, newest first. */
    public static final List<String> LEGACY = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);
    /** Stateless versions, newest first. */
    public static final List<String> MODERN = List.of(V2026_07_28);

    /** Every version this server speaks, newest first (what version errors list as supported). */
    public static final List<String> ALL = List.of(V2026_07_28, V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

    public static final String LATEST_LEGACY = V2025_11_25;
    public static final String LATEST = V2026_07_28;

    private ProtocolVersion() {
    }

    public static boolean isLegacy(String version) {
        return LEGACY.contains(version);
    }

    public static boolean isModern(String version) {
        return MODERN.contains(version);
    }

    /** True when this server speaks {@code version}, in either era. */
    public static boolean isSupported(String version) {
        return ALL.contains(version);
    }

    /** True when {@code version} (a supported version string) is at least {@code minimum}; dates compare as text. */
    public static boolean atLeast(String version, String minimum) {
        return version.compareTo(minimum) >= 0;
    }
}
