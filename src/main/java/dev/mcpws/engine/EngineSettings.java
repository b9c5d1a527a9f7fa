package dev.mcpws.engine;

/**
 * Engine-wide settings.
 *
 * @param listTtlMs        {@code ttlMs} on cacheable 2026-07-28 results (lists, discover)
 * @param cacheScope       {@code cacheScope} on those results: {@code public} or {@code private}
 * @param maxInFlight      requests one connection may have running at once; more get -32001
 * @param requestTimeoutMs default execution timeout of a request (0 = none); on expiry the work is cancelled and the
 *                         client gets -32003
 */
public record EngineSettings(long listTtlMs, String cacheScope, int maxInFlight, long requestTimeoutMs) {

    public static final EngineSettings DEFAULTS = new EngineSettings(30_000, "public", 256, 300_000);

    /** Settings with default limits and no execution timeout. */
    public EngineSettings(long listTtlMs, String cacheScope) {
        this(listTtlMs, cacheScope, 256, 0);
    }

    public EngineSettings {
        if (listTtlMs < 0) {
            throw new IllegalArgumentException("ttlMs must be >= 0");
        }
        if (!"public".equals(cacheScope) && !"private".equals(cacheScope)) {
            throw new IllegalArgumentException("cacheScope must be public or private: " + cacheScope);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
        if (requestTimeoutMs < 0) {
            throw new IllegalArgumentException("requestTimeoutMs must be >= 0");
        }
    }
}
