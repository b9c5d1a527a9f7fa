package dev.mcpws.diagnostics;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every log line, deployment problem and exception message of the server that carries a diagnostic id, defined once.
 * An id is {@code MCPWSnnnnX}: {@code nnnn} lies in the range of the package that uses it (01xx engine, 02xx tools,
 * 03xx cdi, 04xx transport.websocket, 05xx transport.http, 06xx completion, 07xx resources, 08xx logging, 09xx prompts,
 * 10xx shared transport code, 11xx auth, 12xx observability, 14xx cluster) and {@code X} is the severity: {@code I} info,
 * {@code W} warning, {@code E} error. A warning about a peer that went away is routine and logged at {@code FINE}.
 * Ids are stable: users grep for them; a retired id is never reused. The README lists them all.
 */
public enum Messages {

    // 01xx engine
    SESSION_CLOSE_LISTENER_FAILED("MCPWS0101W", Level.WARNING, "a session close listener failed"),
    REQUEST_FAILED("MCPWS0102E", Level.SEVERE, "%s (request %s on connection %s) failed with an unexpected exception"),
    ROOTS_OBSERVER_FAILED("MCPWS0103W", Level.WARNING, "a roots/list_changed observer failed"),
    INLINE_TOO_SLOW("MCPWS0104W", Level.WARNING, "non-blocking %s ran %s ms on the thread that read it (budget %s ms, "
            + "mcp.dispatch.inline-budget-ms); its requests run on the worker pool from now on"),
    TASK_HOUSEKEEPING_FAILED("MCPWS0110W", Level.WARNING, "task housekeeping (lease renewal or purge) failed"),
    TASKS_STOPPED("MCPWS0111I", Level.INFO, "%s running tasks were failed because the server is stopping"),

    // 02xx tools
    TOOL_FAILED("MCPWS0201E", Level.SEVERE, "%s (request %s on connection %s) threw an unexpected exception"),

    // 03xx cdi
    SESSION_SCOPE_INACTIVE("MCPWS0301E", Level.SEVERE,
            "@McpSessionScoped is only active while an MCP request is served"),
    TOOL_INVALID("MCPWS0302E", Level.SEVERE, "%s"),
    TOOLS_FOUND("MCPWS0303I", Level.INFO, "%s MCP tools found: %s"),
    SERVER_READY("MCPWS0304I", Level.INFO,
            "MCP server %s %s ready with %s tools; max in flight %s, request timeout %s ms, page size %s"),
    NO_REQUEST_ON_THREAD("MCPWS0305E", Level.SEVERE, "no MCP request is being served on this thread"),
    MRTR_SECRET_MISSING("MCPWS0306W", Level.WARNING, "mcp.mrtr.secret is not set; 2026-07-28 requestStates are signed "
            + "with a random key of this process. A cluster (or a restart during a multi round-trip request) needs one "
            + "shared secret: set mcp.mrtr.secret to at least 32 random bytes, base64"),
    MRTR_SECRET_NOT_BASE64("MCPWS0307E", Level.SEVERE, "mcp.mrtr.secret is not valid base64"),
    MRTR_SECRET_TOO_SHORT("MCPWS0308E", Level.SEVERE, "mcp.mrtr.secret is too short (%s bytes; use at least 32)"),
    FEATURE_INVALID("MCPWS0309E", Level.SEVERE, "%s"),
    FEATURES_FOUND("MCPWS0310I", Level.INFO, "%s MCP resources, %s resource templates and %s prompts found"),

    // 04xx transport.websocket
    SEND_FAILED("MCPWS0401W", Level.FINE, "send failed on %s; closing it"),
    CLOSE_FAILED("MCPWS0402W", Level.FINE, "close of %s failed"),
    WEBSOCKET_ERROR("MCPWS0403W", Level.FINE, "WebSocket error on %s"),
    CLIENT_NOT_READING("MCPWS0404W", Level.WARNING, "%s is not reading: %s messages wait to be written; closing it"),
    HEARTBEAT_MISSED("MCPWS0405I", Level.INFO, "%s missed %s heartbeat pongs; closing it"),
    WEBSOCKET_READY("MCPWS0406I", Level.INFO, "WebSocket transport ready: %s"),
    HEARTBEAT_FAILED("MCPWS0407W", Level.FINE, "heartbeat of %s failed"),
    TOKEN_EXPIRED("MCPWS0410I", Level.INFO, "the token of %s (%s) expired; closing it"),
    CLOSE_TIMED_OUT("MCPWS0411W", Level.FINE, "%s did not finish the close handshake within %s ms; its slot is released"),
    CLIENT_QUEUE_TOO_LARGE("MCPWS0412W", Level.WARNING,
            "%s is not reading fast enough: %s bytes wait to be written; closing it"),
    SEND_TIMED_OUT("MCPWS0413W", Level.WARNING,
            "a message to %s has not been written after %s ms (the client is not reading); closing it"),

    // 05xx transport.http
    HTTP_READY("MCPWS0501I", Level.INFO, "Streamable HTTP transport ready: %s"),
    HOUSEKEEPING_FAILED("MCPWS0502W", Level.FINE, "housekeeping of %s failed"),
    EXCHANGE_HOOK_FAILED("MCPWS0503W", Level.FINE, "an exchange completion hook failed"),
    SSE_QUEUE_TOO_LARGE("MCPWS0504W", Level.WARNING,
            "an SSE stream is not read fast enough: %s bytes wait to be written; ending it"),

    // 06xx completion
    COMPLETION_FAILED("MCPWS0602E", Level.SEVERE, "%s (request %s on connection %s) threw an unexpected exception"),

    // 07xx resources
    RESOURCE_FAILED("MCPWS0702E", Level.SEVERE, "%s (request %s on connection %s) threw an unexpected exception"),

    // 08xx logging
    LOG_DATA_NOT_JSON("MCPWS0801W", Level.WARNING, "log data of type %s has no JSON form; sending its toString()"),

    // 09xx prompts
    PROMPT_FAILED("MCPWS0902E", Level.SEVERE, "%s (request %s on connection %s) threw an unexpected exception"),

    // 10xx transport (shared by both transports)
    DEPRECATED_KEY("MCPWS1001W", Level.WARNING, "%s is deprecated; use %s (it applies to every transport)"),
    DRAINING("MCPWS1002I", Level.INFO, "draining %s connections (up to %s ms)"),
    DRAIN_DONE("MCPWS1003I", Level.INFO, "drain done; %s requests were still running"),
    ALL_ORIGINS_ALLOWED("MCPWS1004W", Level.WARNING, "mcp.allowed-origins is *: a page of any web site may use /mcp "
            + "from a browser (the Origin check is off)"),
    ALL_HOSTS_ALLOWED("MCPWS1005W", Level.WARNING, "mcp.allowed-hosts is *: a loopback server accepts any Host "
            + "(the DNS-rebinding check is off)"),
    REQUESTS_REFUSED("MCPWS1006W", Level.WARNING, "refused a request to /mcp with 403 (%s not allowed: %s); "
            + "%s more refusals since the last such line (logged at most once a minute)"),

    // 11xx auth
    JWT_READY("MCPWS1101I", Level.INFO, "bearer tokens are verified as JWTs (mp.jwt.verify.*): keys from %s, "
            + "issuer %s, audiences %s, algorithms %s, clock skew %s s"),
    JWT_CONFIG_INVALID("MCPWS1102E", Level.SEVERE, "the mp.jwt.verify.* configuration cannot work: %s"),
    JWT_CLAIM_UNCHECKED("MCPWS1103W", Level.WARNING, "%s is not set: bearer JWTs with any %s are accepted"),
    JWT_REFUSED("MCPWS1104W", Level.FINE, "a bearer JWT was refused: %s"),
    JWT_CONFIG_IGNORED("MCPWS1105I", Level.INFO, "the application's McpTokenVerifier verifies bearer tokens; "
            + "the mp.jwt.verify.* keys are not used"),
    JWKS_NOT_HTTPS("MCPWS1106W", Level.WARNING, "the JWKS is fetched over plain http (%s): anyone on the path can "
            + "replace the keys; use an https: URL outside tests"),

    // 12xx observability
    TRACING_ON("MCPWS1201I", Level.INFO, "OpenTelemetry is on: every MCP request is a span (instrumentation scope "
            + "%s), with the histograms mcp.server.operation.duration and mcp.server.session.duration"),

    // 14xx cluster
    CLUSTER_NEEDS_SECRET("MCPWS1401E", Level.SEVERE, "cluster mode (mcp.cluster.redis-uri) needs mcp.mrtr.secret: "
            + "every node must sign and verify 2026-07-28 requestStates with the same key. Set mcp.mrtr.secret to the "
            + "same 32 random bytes (base64) on every node; the application does not start without it"),
    CLUSTER_ON("MCPWS1402I", Level.INFO, "cluster mode: node %s shares notifications through Redis at %s, channel %s"),
    CLUSTER_LINK_UP("MCPWS1403I", Level.INFO, "cluster link up: node %s listens on Redis at %s"),
    CLUSTER_LINK_DOWN("MCPWS1404W", Level.WARNING, "cluster link down (Redis at %s unreachable): this node's clients "
            + "still get this node's notifications, but none of the other nodes' until Redis is back"),
    CLUSTER_PEER_DIFFERS("MCPWS1405W", Level.WARNING, "cluster node %s runs %s; this node runs %s. Every node of a "
            + "cluster needs the same WAR, mcp.server.name, mcp.server.version and mcp.mrtr.secret"),
    CLUSTER_CONNECT_FAILED("MCPWS1406W", Level.FINE, "connecting to Redis at %s failed; retrying in %s ms"),
    CLUSTER_URI_INVALID("MCPWS1407E", Level.SEVERE, "mcp.cluster.redis-uri is not a Redis URI such as "
            + "redis://host:port or rediss://user:password@host:port (its value is not logged: it may hold a password)"),
    CLUSTER_DELIVERY_FAILED("MCPWS1408W", Level.WARNING, "delivering a cluster message of kind %s to this node's "
            + "clients failed"),
    TASK_STORE_DOWN("MCPWS1409W", Level.WARNING, "the task store (Redis at %s) is unreachable: task calls and tasks/* "
            + "answer -32009 until it is back; tasks running here keep running and store their outcome when it is"),
    TASK_STORE_UP("MCPWS1410I", Level.INFO, "the task store (Redis at %s) answers again");

    private static final StackWalker CALLER = StackWalker.getInstance();

    private final String id;
    private final Level level;
    private final String pattern;

    Messages(String id, Level level, String pattern) {
        this.id = id;
        this.level = level;
        this.pattern = pattern;
    }

    /** The stable id, e.g. {@code MCPWS0102E}. */
    public String id() {
        return id;
    }

    /** The level the message is logged at. */
    public Level level() {
        return level;
    }

    /** The text as a {@link String#format} pattern, without the id. */
    public String pattern() {
        return pattern;
    }

    /** {@code id + ": " + the formatted text}. */
    public String format(Object... args) {
        return id + ": " + String.format(Locale.ROOT, pattern, args);
    }

    /**
     * Logs the message at its level, with {@code thrown} (may be null); nothing is formatted when the logger does not
     * log that level. The record names the caller as its source, as a direct call of the logger would.
     */
    public void log(Logger logger, Throwable thrown, Object... args) {
        if (!logger.isLoggable(level)) {
            return;
        }
        StackWalker.StackFrame caller = CALLER.walk(s -> s.skip(1).findFirst()).orElse(null);
        logger.logp(level, caller == null ? null : caller.getClassName(), caller == null ? null : caller.getMethodName(),
                format(args), thrown);
    }
}
