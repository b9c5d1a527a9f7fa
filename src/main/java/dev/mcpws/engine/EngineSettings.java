package dev.mcpws.engine;

/**
 * Engine-wide settings.
 *
 * @param listTtlMs  {@code ttlMs} on cacheable 2026-07-28 results (lists, discover)
 * @param cacheScope {@code cacheScope} on those results: {@code public} or {@code private}
 */
public record EngineSettings(long listTtlMs, String cacheScope) {

    public static final EngineSettings DEFAULTS = new EngineSettings(30_000, "public");

    public EngineSettings {
        if (listTtlMs < 0) {
            throw new IllegalArgumentException("ttlMs must be >= 0");
        }
        if (!"public".equals(cacheScope) && !"private".equals(cacheScope)) {
            throw new IllegalArgumentException("cacheScope must be public or private: " + cacheScope);
        }
    }
}
