package dev.mcpws.engine;

/**
 * Engine-wide settings.
 *
 * @param listTtlMs        {@code ttlMs} on cacheable 2026-07-28 results (lists, discover)
 * @param cacheScope       {@code cacheScope} on those results: {@code public} or {@code private}
 * @param maxInFlight      requests one connection may have running at once; more get -32001
 * @param requestTimeoutMs default execution timeout of a request (0 = none); on expiry the work is cancelled and the
 *                         client gets -32003
 * @param maxProgressTokenChars {@code mcp.limits.max-progress-token-length}: the longest string
 *                         {@code _meta.progressToken} accepted (it is repeated in every progress notification); a
 *                         longer one, or one that is neither a string nor an integer, is -32602
 * @param maxNotificationsPerRequest {@code mcp.limits.max-notifications-per-request}: notifications (progress, log
 *                         messages) one request may make the server send; later ones are dropped (the response still
 *                         comes). Long-lived requests ({@code subscriptions/listen}) are not limited by it
 * @param maxRunningPerConnection {@code mcp.limits.max-running-per-connection}: requests of one connection that occupy
 *                         workers of the pool at once; its others wait in the connection's own queue (fairness)
 * @param inlineBudgetMs {@code mcp.dispatch.inline-budget-ms}: how long a non-blocking request (see
 *                         {@link MethodSpec.Inline}) may run on the thread that read it; one that runs longer demotes
 *                         its method (or tool) to the worker pool for good. 0: no request runs inline
 */
public record EngineSettings(long listTtlMs, String cacheScope, int maxInFlight, long requestTimeoutMs,
                             int maxProgressTokenChars, int maxNotificationsPerRequest, int maxRunningPerConnection,
                             long inlineBudgetMs) {

    /** The default of {@code mcp.dispatch.inline-budget-ms}. */
    public static final long DEFAULT_INLINE_BUDGET_MS = 1000;

    public static final int DEFAULT_MAX_PROGRESS_TOKEN_CHARS = 256;
    public static final int DEFAULT_MAX_NOTIFICATIONS_PER_REQUEST = 1000;

    /**
     * The number of CPUs, at least 2: half of the core threads of Liberty's default executor (2 per CPU), so one
     * connection alone never fills the pool's core.
     */
    public static final int DEFAULT_MAX_RUNNING_PER_CONNECTION = Math.max(2, Runtime.getRuntime().availableProcessors());

    public static final EngineSettings DEFAULTS = new EngineSettings(30_000, "public", 256, 300_000);

    /** Settings with default limits and no execution timeout. */
    public EngineSettings(long listTtlMs, String cacheScope) {
        this(listTtlMs, cacheScope, 256, 0);
    }

    /** Settings with the default amplification limits. */
    public EngineSettings(long listTtlMs, String cacheScope, int maxInFlight, long requestTimeoutMs) {
        this(listTtlMs, cacheScope, maxInFlight, requestTimeoutMs, DEFAULT_MAX_PROGRESS_TOKEN_CHARS,
                DEFAULT_MAX_NOTIFICATIONS_PER_REQUEST);
    }

    /** Settings with the default share of the pool per connection. */
    public EngineSettings(long listTtlMs, String cacheScope, int maxInFlight, long requestTimeoutMs,
                          int maxProgressTokenChars, int maxNotificationsPerRequest) {
        this(listTtlMs, cacheScope, maxInFlight, requestTimeoutMs, maxProgressTokenChars, maxNotificationsPerRequest,
                DEFAULT_MAX_RUNNING_PER_CONNECTION);
    }

    /** Settings with the default inline budget. */
    public EngineSettings(long listTtlMs, String cacheScope, int maxInFlight, long requestTimeoutMs,
                          int maxProgressTokenChars, int maxNotificationsPerRequest, int maxRunningPerConnection) {
        this(listTtlMs, cacheScope, maxInFlight, requestTimeoutMs, maxProgressTokenChars, maxNotificationsPerRequest,
                maxRunningPerConnection, DEFAULT_INLINE_BUDGET_MS);
    }

    /** The same settings with another {@code mcp.dispatch.inline-budget-ms} (0: nothing runs inline). */
    public EngineSettings inlineBudgetMs(long millis) {
        return new EngineSettings(listTtlMs, cacheScope, maxInFlight, requestTimeoutMs, maxProgressTokenChars,
                maxNotificationsPerRequest, maxRunningPerConnection, millis);
    }

    public EngineSettings {
        if (inlineBudgetMs < 0) {
            throw new IllegalArgumentException("mcp.dispatch.inline-budget-ms must be >= 0");
        }
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
        if (maxRunningPerConnection < 1) {
            throw new IllegalArgumentException("mcp.limits.max-running-per-connection must be >= 1");
        }
        if (maxProgressTokenChars < 1 || maxNotificationsPerRequest < 0) {
            throw new IllegalArgumentException("mcp.limits.max-progress-token-length must be >= 1 and "
                    + "mcp.limits.max-notifications-per-request >= 0");
        }
    }
}
