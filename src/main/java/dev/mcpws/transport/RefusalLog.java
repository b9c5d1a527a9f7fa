package dev.mcpws.transport;

import dev.mcpws.diagnostics.Messages;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Logs 403 refusals (Origin, Host) at most once a minute, so that a page hammering the endpoint cannot flood the log:
 * a refusal is logged when none was logged in the last minute, with the count of those suppressed since. The
 * header value is an attacker's text: it is cut to 100 characters and stripped of control characters.
 */
final class RefusalLog {

    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoTime;
    private long lastLogged;
    private boolean any;
    private long suppressed;

    RefusalLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** @return whether this refusal was logged */
    boolean refused(String what, String value) {
        long more;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (any && now - lastLogged < INTERVAL_NANOS) {
                suppressed++;
                return false;
            }
            any = true;
            lastLogged = now;
            more = suppressed;
            suppressed = 0;
        }
        Messages.REQUESTS_REFUSED.log(log, null, what, clean(value), more);
        return true;
    }

    static String clean(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return value.codePointCount(0, value.length()) > 100 ? b + "..." : b.toString();
    }
}
