package dev.mcpws.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** 403 refusals are logged at most once a minute, with the count of those left out. */
class RefusalLogTest {

    @Test
    void logsAtMostOnceAMinute() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        AtomicLong now = new AtomicLong(5);
        RefusalLog log = new RefusalLog(logger, now::get);
        assertTrue(log.refused("Origin", "http://evil.example"));
        for (int i = 0; i < 10; i++) {
            now.addAndGet(TimeUnit.SECONDS.toNanos(5));
            assertFalse(log.refused("Origin", "http://evil.example"));
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertTrue(log.refused("Host", "evil.example\r\nFAKE"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("MCPWS1006W"), lines.get(0));
        assertTrue(lines.get(1).contains("evil.example??FAKE") && lines.get(1).contains("10 more"), lines.get(1));
    }
}
