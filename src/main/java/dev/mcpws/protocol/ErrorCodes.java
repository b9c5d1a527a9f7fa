package dev.mcpws.protocol;

/** JSON-RPC and MCP error codes, plus this server's own codes in -32000..-32019 (documented in the README). */
public final class ErrorCodes {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** Legacy eras: resource not found. */
    public static final int RESOURCE_NOT_FOUND = -32002;

    /** 2026-07-28: header/body mismatch (Streamable HTTP). */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: a required client capability is missing. */
    public static final int MISSING_CLIENT_CAPABILITY = -32021;
    /** 2026-07-28: the requested protocol version is not supported. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    // ---- this implementation's codes (-32000..-32019) ----
    /** A legacy-era request other than ping arrived before initialize. */
    public static final int NOT_INITIALIZED = -32000;
    /** Too many requests in flight on this connection. */
    public static final int TOO_MANY_REQUESTS = -32001;
    /** The request ran past its execution timeout and was cancelled. */
    public static final int REQUEST_TIMEOUT = -32003;
    /** The server is shutting down and does not take new work. */
    public static final int SHUTTING_DOWN = -32004;
    /** A message exceeded the configured maximum size (the WebSocket transport closes with 1009 instead). */
    public static final int MESSAGE_TOO_BIG = -32006;
    /** A request id is already in flight on this connection. */
    public static final int DUPLICATE_REQUEST_ID = -32005;
    /**
     * The caller's token lacks a scope the tool, resource or prompt requires ({@code data.requiredScopes}); only when
     * {@code mcp.auth.forbidden=challenge} (Streamable HTTP: 403 with an {@code insufficient_scope} challenge).
     */
    /** Too many tasks: the caller's live tasks ({@code mcp.tasks.max-live-per-caller}) or the server's store is full. */
    public static final int TOO_MANY_TASKS = -32008;
    /** The shared task store (Redis, in cluster mode) cannot be reached now: nothing was done; try again later. */
    public static final int TASK_STORE_UNAVAILABLE = -32009;
    public static final int INSUFFICIENT_SCOPE = -32007;

    // ---- the client side (stdio bridge) ----
    /** The connection to the server dropped while the request was in flight; it may or may not have been done. */
    public static final int CONNECTION_LOST = -32010;
    /** The bridge gave up reconnecting to the server. */
    public static final int SERVER_UNREACHABLE = -32011;

    private ErrorCodes() {
    }
}
