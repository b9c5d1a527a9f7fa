package dev.mcpws.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what {@code dev.mcpws} loggers write while a test runs (and keeps it off the console), so tests can check
 * that failure details are logged while the client only sees a generic message. Close it after the test.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean useParent;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Captures everything logged below {@code dev.mcpws}. */
    public LogCapture() {
        this("dev.mcpws");
    }

    /** Captures what {@code loggerName} and the loggers below it log. */
    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        this.useParent = logger.getUseParentHandlers();
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages of the records at {@code level} or above, with their exception's message. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(r -> r.getMessage() + (r.getThrown() == null ? "" : " | " + r.getThrown().getMessage()))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(useParent);
    }
}
