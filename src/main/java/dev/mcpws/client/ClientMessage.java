package dev.mcpws.client;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line of the client ({@code MCPWSC...}) and of the stdio bridge ({@code MCPWSB...}) with a stable id, defined
 * here once. The id ends with I, W or E for {@link Level#INFO}, {@link Level#WARNING} or {@link Level#SEVERE}; the
 * README lists them. A line reads {@code id + ": " + text}, the text a {@link String#format} pattern.
 */
public enum ClientMessage {

    CONNECT_FAILED_RETRYING("MCPWSC001W", Level.WARNING, "Cannot connect to %s: %s; retrying"),
    CONNECTED("MCPWSC002I", Level.INFO, "Connected to %s"),
    GAVE_UP("MCPWSC003W", Level.WARNING, "No further connection attempts: %s"),
    CONNECTION_LOST("MCPWSC004I", Level.INFO, "Connection to %s lost (%d %s)%s"),
    HEARTBEAT_TIMEOUT("MCPWSC005W", Level.WARNING, "No pong from %s within %d ms: the connection is dead"),
    TOOLS_REFRESH_FAILED("MCPWSC006W", Level.WARNING, "Cannot refresh the tool list: %s"),
    HANDLER_FAILED("MCPWSC007W", Level.WARNING, "The client's handler of %s failed: %s"),
    SESSION_FAILED("MCPWSC010E", Level.SEVERE, "Cannot establish an MCP session: %s"),
    UNREADABLE_MESSAGE("MCPWSC011W", Level.WARNING, "Unreadable message from the server ignored: %s"),
    RESUBSCRIBE_FAILED("MCPWSC012W", Level.WARNING, "Cannot re-subscribe to %s: %s"),

    BRIDGE_CONNECT_FAILED("MCPWSB001E", Level.SEVERE, "Cannot connect to the MCP server: %s"),
    BRIDGE_STDIN_FAILED("MCPWSB002W", Level.WARNING, "stdin failed: %s"),
    BRIDGE_STDIN_CLOSED("MCPWSB003I", Level.INFO, "stdin closed; exiting"),
    BRIDGE_REPLAYING_INITIALIZE("MCPWSB004I", Level.INFO, "Reconnected: replaying the host's initialize"),
    BRIDGE_REPLAY_REFUSED("MCPWSB005W", Level.WARNING, "The server refused a replayed request: %d %s");

    private static final StackWalker CALLER = StackWalker.getInstance();

    private final String id;
    private final Level level;
    private final String text;

    ClientMessage(String id, Level level, String text) {
        this.id = id;
        this.level = level;
        this.text = text;
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    /** The {@link String#format} pattern of the text after the id. */
    public String text() {
        return text;
    }

    /** {@code id + ": " + String.format(text, args)}. */
    public String format(Object... args) {
        return id + ": " + String.format(text, args);
    }

    /**
     * Logs the line at its level, with {@code thrown} (may be null) attached; formats only when loggable. The record
     * names the caller as its source (not this enum).
     */
    public void log(Logger logger, Throwable thrown, Object... args) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord r = new LogRecord(level, format(args));
        r.setLoggerName(logger.getName());
        r.setThrown(thrown);
        CALLER.walk(frames -> frames.skip(1).findFirst()).ifPresent(f -> {
            r.setSourceClassName(f.getClassName());
            r.setSourceMethodName(f.getMethodName());
        });
        logger.log(r);
    }
}
