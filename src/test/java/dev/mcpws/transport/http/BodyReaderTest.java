package dev.mcpws.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-blocking body reader: what arrives in pieces, too much, too late or broken. */
class BodyReaderTest {

    /** A non-blocking input whose bytes the test hands over piece by piece; {@code isReady} is false in between. */
    static final class Pieces extends ServletInputStream {
        final Deque<byte[]> ready = new ArrayDeque<>();
        boolean finished;
        int reads;

        @Override
        public boolean isFinished() {
            return finished && ready.isEmpty();
        }

        @Override
        public boolean isReady() {
            return !ready.isEmpty() || finished;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            throw new UnsupportedOperationException("the test drives the listener");
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read(byte[]) only");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            if (ready.isEmpty()) {
                return finished ? -1 : 0;
            }
            byte[] next = ready.poll();
            int n = Math.min(len, next.length);
            System.arraycopy(next, 0, b, off, n);
            if (n < next.length) {
                byte[] rest = new byte[next.length - n];
                System.arraycopy(next, n, rest, 0, rest.length);
                ready.push(rest);
            }
            return n;
        }
    }

    static final class Outcome implements BodyReader.Sink {
        final List<String> events = new ArrayList<>();

        @Override
        public void body(String text) {
            events.add("body:" + text);
        }

        @Override
        public void refused(int status) {
            events.add("refused:" + status);
        }
    }

    @Test
    void aBodyInPiecesIsAssembledOnce() throws IOException {
        Pieces in = new Pieces();
        Outcome out = new Outcome();
        BodyReader r = new BodyReader(in, 100, System.nanoTime() + 1_000_000_000L, out);
        in.ready.add("{\"a\":".getBytes(StandardCharsets.UTF_8));
        r.onDataAvailable();
        in.ready.add("\"é\"}".getBytes(StandardCharsets.UTF_8));
        r.onDataAvailable();
        in.finished = true;
        r.onDataAvailable();
        r.onAllDataRead();
        r.onAllDataRead();
        assertEquals(List.of("body:{\"a\":\"é\"}"), out.events);
        assertTrue(r.isDone());
    }

    @Test
    void theDeclaredLengthSizesTheBuffersButNeverLimitsWhatIsRead() throws IOException {
        for (long declared : new long[] {0, 3, 12, 40, 1000}) { // short, exact, longer, over max: the same body
            Pieces in = new Pieces();
            Outcome out = new Outcome();
            BodyReader r = new BodyReader(in, 100, System.nanoTime() + 1_000_000_000L, out, declared);
            in.ready.add("{\"text\":\"".getBytes(StandardCharsets.UTF_8));
            in.ready.add("x".repeat(30).getBytes(StandardCharsets.UTF_8));
            in.ready.add("\"}".getBytes(StandardCharsets.UTF_8));
            in.finished = true;
            r.onDataAvailable();
            r.onAllDataRead();
            assertEquals(List.of("body:{\"text\":\"" + "x".repeat(30) + "\"}"), out.events, "declared " + declared);
        }
        Pieces in = new Pieces();
        Outcome out = new Outcome();
        BodyReader r = new BodyReader(in, 10, System.nanoTime() + 1_000_000_000L, out, 4); // the limit still counts
        in.ready.add(new byte[12]);
        r.onDataAvailable();
        assertEquals(List.of("refused:413"), out.events);
    }

    @Test
    void aBodyPastTheLimitIsRefusedAtOnceAndNotReadFurther() throws IOException {
        Pieces in = new Pieces();
        Outcome out = new Outcome();
        BodyReader r = new BodyReader(in, 10, System.nanoTime() + 1_000_000_000L, out);
        in.ready.add(new byte[6]);
        r.onDataAvailable();
        assertTrue(out.events.isEmpty());
        in.ready.add(new byte[6]);
        in.ready.add(new byte[6]);
        r.onDataAvailable();
        assertEquals(List.of("refused:413"), out.events);
        int reads = in.reads;
        r.onDataAvailable();
        r.onAllDataRead();
        assertEquals(List.of("refused:413"), out.events, "one outcome");
        assertEquals(reads, in.reads, "nothing read after the refusal");
    }

    @Test
    void anIncompleteBodyExpiresAtItsDeadlineOnly() throws IOException {
        Pieces in = new Pieces();
        Outcome out = new Outcome();
        long deadline = System.nanoTime() + 5_000_000_000L;
        BodyReader r = new BodyReader(in, 100, deadline, out);
        in.ready.add(new byte[3]);
        r.onDataAvailable();
        assertFalse(r.expire(deadline - 1));
        assertTrue(out.events.isEmpty());
        assertTrue(r.expire(deadline));
        assertFalse(r.expire(deadline + 1), "once");
        r.onAllDataRead();
        assertEquals(List.of("refused:408"), out.events);
    }

    @Test
    void aCompleteBodyNeverExpires() {
        Pieces in = new Pieces();
        Outcome out = new Outcome();
        BodyReader r = new BodyReader(in, 100, System.nanoTime(), out);
        in.finished = true;
        r.onAllDataRead();
        assertFalse(r.expire(System.nanoTime() + 1_000_000_000L));
        assertEquals(List.of("body:"), out.events);
    }

    @Test
    void aReadErrorIsA400Once() {
        Outcome out = new Outcome();
        BodyReader r = new BodyReader(new Pieces(), 100, System.nanoTime() + 1_000_000_000L, out);
        r.onError(new IOException("bad chunk"));
        r.onError(new IOException("again"));
        assertFalse(r.expire(System.nanoTime() + 2_000_000_000L));
        assertEquals(List.of("refused:400"), out.events);
    }
}
