package dev.mcpws.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on one endpoint with N WebSocket connections sending {@code tools/call} of the echo tool, for a fixed time.
 * Two modes:
 * <ul>
 *   <li><b>closed loop</b> (rate 0): each connection sends the next call as soon as the answer to the previous one
 *       arrives, so the load is as high as the server (and this generator) can go, and by Little's law the mean
 *       latency is connections / throughput;</li>
 *   <li><b>open loop</b> (rate &gt; 0): calls are sent at a fixed total rate, round robin over the connections,
 *       whether or not earlier answers have come back; latency is measured from the time a call was <em>due</em>,
 *       so a stall of the generator or the server is counted (no coordinated omission).</li>
 * </ul>
 * Bounded in time and connections, loopback only.
 *
 * <pre>
 * java -cp ... dev.mcpws.bench.LoadGenerator ws://localhost:9080/mcp 50 20 [warmupSeconds=5] [rate=0]
 * </pre>
 * Prints one line: connections, requests/s, mean and p50/p95/p99/max latency (ms), errors, dropped sockets.
 */
public final class LoadGenerator {

    static final int MAX_CONNECTIONS = 2_000;
    static final int MAX_SECONDS = 300;
    static final int MAX_RATE = 50_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadGenerator <ws-url> <connections> <seconds> [warmupSeconds] [rate]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Result r = run(uri, connections, seconds, warmup, rate);
        System.out.println(r.line());
    }

    /** What one run measured. */
    public record Result(URI uri, int connections, int rate, double seconds, long requests, long[] latenciesNanos,
                         long errors, int dropped, long late, long serverCpuMillis) {
        public double throughput() {
            return requests / seconds;
        }

        /** Server CPU (utime + stime) per 10,000 requests, in seconds, over the measured window; NaN when not measured. */
        public double cpuSecondsPer10k() {
            return serverCpuMillis < 0 || requests == 0 ? Double.NaN : serverCpuMillis / 1000.0 * 10_000 / requests;
        }

        public double meanMs() {
            return latenciesNanos.length == 0 ? Double.NaN : Arrays.stream(latenciesNanos).average().orElse(0) / 1e6;
        }

        public double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }

        public String line() {
            return String.format(Locale.ROOT, "%s connections=%d %s rps=%.0f mean=%.3f p50=%.3f p95=%.3f p99=%.3f max=%.3f"
                            + " errors=%d dropped=%d", uri.getPath(), connections, rate == 0 ? "closed-loop" : "rate=" + rate,
                    throughput(), meanMs(), percentileMs(50), percentileMs(95), percentileMs(99), percentileMs(100), errors,
                    dropped);
        }
    }

    /** A closed-loop run. */
    public static Result run(URI uri, int connections, int seconds, int warmupSeconds) throws Exception {
        return run(uri, connections, seconds, warmupSeconds, 0);
    }

    /** A closed-loop run ({@code rate} 0) or an open-loop run at {@code rate} calls per second in total. */
    public static Result run(URI uri, int connections, int seconds, int warmupSeconds, int rate) throws Exception {
        return run(uri, connections, seconds, warmupSeconds, rate, null);
    }

    /**
     * A closed-loop run that also reads the server's CPU time (ms, e.g. {@link BenchServer#cpuMillis}) at the start
     * and the end of the measured window.
     */
    public static Result run(URI uri, int connections, int seconds, int warmupSeconds, int rate,
                             java.util.concurrent.Callable<Long> serverCpuMillis) throws Exception {
        if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        connections = Math.max(1, Math.min(connections, MAX_CONNECTIONS));
        seconds = Math.max(1, Math.min(seconds, MAX_SECONDS));
        warmupSeconds = Math.max(0, Math.min(warmupSeconds, MAX_SECONDS));
        rate = Math.max(0, Math.min(rate, MAX_RATE));
        boolean open = rate > 0;
        HttpClient http = HttpClient.newHttpClient();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = null;
            for (int attempt = 1; w == null; attempt++) {
                Worker candidate = new Worker(open);
                try {
                    candidate.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, candidate)
                            .get(60, TimeUnit.SECONDS);
                    w = candidate;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (attempt == 3) { // the machine is shared: a few tries before giving up
                        throw e;
                    }
                }
            }
            workers.add(w);
        }
        for (Worker w : workers) {
            w.initialize();
        }
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long start;
        long end;
        long cpuStart;
        long cpu = -1;
        if (open) {
            start = warmupEnd;
            end = start + TimeUnit.SECONDS.toNanos(seconds);
            pace(workers, rate, System.nanoTime(), start, end);
            long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // the last answers
            while (System.nanoTime() < grace && workers.stream().anyMatch(w -> w.outstanding() > 0)) {
                Thread.sleep(10);
            }
        } else {
            for (Worker w : workers) {
                w.next();
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime())));
            for (Worker w : workers) {
                w.reset();
            }
            cpuStart = serverCpuMillis == null ? 0 : serverCpuMillis.call();
            start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            end = System.nanoTime();
            cpu = serverCpuMillis == null ? -1 : serverCpuMillis.call() - cpuStart;
        }
        for (Worker w : workers) {
            w.stop.set(true);
        }
        long requests = 0;
        long errors = 0;
        long late = 0;
        int dropped = 0;
        List<long[]> all = new ArrayList<>();
        for (Worker w : workers) {
            synchronized (w) {
                requests += w.count;
                errors += w.errors;
                late += w.outstanding();
                all.add(Arrays.copyOf(w.latencies, w.count));
            }
            dropped += w.closed.get() ? 1 : 0;
            w.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
        }
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (open) {
            // every call due in the window counts; one still unanswered after the grace time counts as an error
            errors += late;
        }
        return new Result(uri, connections, rate, (end - start) / 1e9, requests, latencies, errors, dropped, late, cpu);
    }

    /** Open loop: call k is due at {@code from + k / rate}; calls due in [start, end) are the measured ones. */
    private static void pace(List<Worker> workers, int rate, long from, long start, long end) {
        double period = 1e9 / rate;
        long k = 0;
        while (true) {
            long due = from + (long) (k * period);
            if (due >= end) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait - 20_000);
                continue;
            }
            workers.get((int) (k % workers.size())).sendAt(due, due >= start);
            k++;
        }
    }

    /** One connection. */
    static final class Worker implements WebSocket.Listener {
        private static final int RING = 1 << 12;

        WebSocket ws;
        final boolean open;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final StringBuilder text = new StringBuilder();
        final CountDownLatch initialized = new CountDownLatch(1);
        /** Due time of call id (open loop: several calls in flight), by id modulo the ring; 0 = not measured. */
        final long[] dueAt = new long[RING];
        int nextId;
        volatile long sentAt;
        long sentCount;
        long answeredCount;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
        // (the previous send's result is only a sequencing point)

        Worker(boolean open) {
            this.open = open;
        }

        void initialize() throws InterruptedException {
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"load\",\"version\":\"1\"}}}", true).join();
            if (!initialized.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no initialize result");
            }
            ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", true).join();
        }

        synchronized void reset() {
            count = 0;
            errors = 0;
        }

        synchronized long outstanding() {
            return open ? sentCount - answeredCount : 0;
        }

        private static String call(int id) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"hello " + id + "\"}}}";
        }

        /**
         * Closed loop: the next call. Chained after the previous send too: the answer can arrive before the JDK client
         * has completed the send of its request, and a send while another one is pending fails.
         */
        synchronized void next() {
            if (stop.get()) {
                return;
            }
            int id = ++nextId;
            String text = call(id);
            sending = sending.handle((x, t) -> x).thenCompose(x -> { // a failed send does not stop the chain
                sentAt = System.nanoTime();
                return ws.sendText(text, true);
            });
            sending.exceptionally(t -> {
                synchronized (this) {
                    errors++;
                }
                return null;
            });
        }

        /** Open loop: one call due at {@code due}; sends are chained, since the JDK client allows one at a time. */
        synchronized void sendAt(long due, boolean measured) {
            int id = ++nextId;
            dueAt[id & (RING - 1)] = measured ? due : 0;
            if (measured) {
                sentCount++;
            }
            String text = call(id);
            sending = sending.handle((x, t) -> x).thenCompose(x -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.nanoTime();
                if (initialized.getCount() > 0) {
                    text.setLength(0);
                    initialized.countDown();
                } else {
                    boolean error = text.indexOf("\"error\"") >= 0;
                    int id = idOf(text);
                    text.setLength(0);
                    if (open) {
                        synchronized (this) {
                            long due = dueAt[id & (RING - 1)];
                            if (due != 0) {
                                answeredCount++;
                                record(now - due, error);
                            }
                        }
                    } else {
                        synchronized (this) {
                            record(now - sentAt, error);
                        }
                        next();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        private void record(long nanos, boolean error) {
            if (error) {
                errors++;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        /** The numeric id of a response, without parsing the JSON (keeps the generator's share of the CPU small). */
        private static int idOf(CharSequence s) {
            String t = s.toString();
            int i = t.indexOf("\"id\":");
            if (i < 0) {
                return 0;
            }
            i += 5;
            int v = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                v = v * 10 + (t.charAt(i++) - '0');
            }
            return v;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(!stop.get());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.set(!stop.get());
        }
    }
}
