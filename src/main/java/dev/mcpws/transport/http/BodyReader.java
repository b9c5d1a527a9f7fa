package dev.mcpws.transport.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one POST body without holding a container thread while the client takes its time (Servlet non-blocking
 * input): the container calls back when bytes are there; between callbacks no thread waits. The body is refused as
 * soon as it passes {@code max} bytes (nothing more is buffered), and a body still incomplete at its deadline is
 * refused by {@link #expire} (the transport's sweeper calls it). Exactly one of the {@link Sink}'s methods is called,
 * once.
 */
final class BodyReader implements ReadListener {

    /** What becomes of the body. */
    interface Sink {
        /** The whole body arrived, as UTF-8 text. */
        void body(String text);

        /** The body is refused: 413 (too large), 408 (too slow) or 400 (unreadable: a bad chunk, a cut connection). */
        void refused(int status);
    }

    private final ServletInputStream in;
    private final int max;
    private final long deadlineNanos;
    private final Sink sink;
    private final ByteArrayOutputStream buf;
    private final byte[] chunk;
    private boolean done;

    BodyReader(ServletInputStream in, int max, long deadlineNanos, Sink sink) {
        this(in, max, deadlineNanos, sink, -1);
    }

    /**
     * @param expected the body's {@code Content-Length}, or -1 (chunked): a small body gets buffers of its size, not
     *                 8 KB ones (a typical request is a few hundred bytes, and the buffers were most of its garbage)
     */
    BodyReader(ServletInputStream in, int max, long deadlineNanos, Sink sink, long expected) {
        this.in = in;
        this.max = max;
        this.deadlineNanos = deadlineNanos;
        this.sink = sink;
        int size = expected < 0 || expected > max ? 8192 : (int) expected;
        this.buf = new ByteArrayOutputStream(Math.min(size, 8192));
        // one byte more than expected: the read that finds the end of a body of exactly this size needs room to try
        this.chunk = new byte[Math.max(16, Math.min(size + 1, 8192))];
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    synchronized boolean isDone() {
        return done;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!isDone() && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return; // the end: onAllDataRead follows
            }
            synchronized (this) {
                if (done) {
                    return;
                }
                if (buf.size() + n > max) {
                    done = true;
                } else {
                    buf.write(chunk, 0, n);
                    continue;
                }
            }
            sink.refused(413);
            return;
        }
    }

    @Override
    public void onAllDataRead() {
        String text;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            text = buf.toString(StandardCharsets.UTF_8);
        }
        sink.body(text);
    }

    @Override
    public void onError(Throwable t) {
        if (finish()) {
            sink.refused(400);
        }
    }

    /** Refuses the body with 408 when it is still incomplete at {@code nowNanos}; true when it did. */
    boolean expire(long nowNanos) {
        if (nowNanos - deadlineNanos < 0 || !finish()) {
            return false;
        }
        sink.refused(408);
        return true;
    }

    private synchronized boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }
}
