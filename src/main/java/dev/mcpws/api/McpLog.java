package dev.mcpws.api;

import java.util.Locale;

/**
 * Sends log messages ({@code notifications/message}) to the client of the request being served
 * ({@code @Inject McpLog log; log.info("Fetched 3 rows")}). A message is sent only while that request is in flight
 * and only at or above the level the client asked for: {@code logging/setLevel} on a legacy connection (everything
 * until it is called), {@code _meta["io.modelcontextprotocol/logLevel"]} on a 2026-07-28 request (nothing without it).
 * {@code data} is a {@code String}, a JSON-P value, or any value a tool could return as structured content
 * (records, POJOs, maps, lists), sent as JSON.
 */
public interface McpLog {

    /** The syslog severities of MCP, lowest first. */
    enum Level {
        DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

        /** The name on the wire ({@code "warning"}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The level of a wire name, or null when it is none. */
        public static Level parse(String wireName) {
            if (wireName == null) {
                return null;
            }
            for (Level l : values()) {
                if (l.wireName().equals(wireName)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** The same log, with {@code logger} set on every message. */
    McpLog named(String logger);

    /** True when a message at {@code level} would be sent now (build expensive data only then). */
    boolean isEnabled(Level level);

    /** Sends {@code data} at {@code level} when the client asked for it; otherwise does nothing. */
    void log(Level level, Object data);

    default void debug(Object data) {
        log(Level.DEBUG, data);
    }

    default void info(Object data) {
        log(Level.INFO, data);
    }

    default void notice(Object data) {
        log(Level.NOTICE, data);
    }

    default void warning(Object data) {
        log(Level.WARNING, data);
    }

    default void error(Object data) {
        log(Level.ERROR, data);
    }

    default void critical(Object data) {
        log(Level.CRITICAL, data);
    }

    default void alert(Object data) {
        log(Level.ALERT, data);
    }

    default void emergency(Object data) {
        log(Level.EMERGENCY, data);
    }
}
