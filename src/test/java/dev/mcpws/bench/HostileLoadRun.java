package dev.mcpws.bench;

import dev.mcpws.it.Corpus;
import dev.mcpws.it.HttpCorpus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A healthy client's latency while the malformed-input corpus runs (issue 12: "a healthy client's p99 stays within 3x
 * of its unloaded p99"). One server ({@code hostileServer}, port 9486, the production WAR with its examples, configured
 * like {@code HostilePeerIT}'s deployment). Each round measures the healthy client alone, then again while
 * {@code H} hostile workers (default 2) replay the whole corpus (every WebSocket case of {@code corpus/*.json} and every
 * Streamable HTTP and upgrade case, in a shuffled order, over and over) against the same server, from a JVM of their
 * own ({@link CorpusLoad}: its allocations and pauses must not show in the healthy client's numbers).
 * {@code -Dbench.hostile.files=websocket-frames.json,mcp.json} replays only those files. The healthy client is
 * {@link LoadGenerator} in open loop: 4 connections, 200 echo {@code tools/call}s per second in total, latency counted
 * from when each call was due. Rounds alternate (alone, hostile, alone, hostile, …) so a drift of the machine shows in
 * both; the result is the median over rounds of each phase's p99 and their ratio. Writes {@code hostile.md} and
 * {@code hostile-p99.png}. Bounded: at most 10 rounds of at most 120 s per phase, loopback only.
 *
 * <pre>
 * mvn verify -DskipITs      # once
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.HostileLoadRun docs/bench 30 3 2"
 * </pre>
 */
public final class HostileLoadRun {

    static final int HEALTHY_CONNECTIONS = 4;
    static final int HEALTHY_RATE = 200;

    record Phase(int round, boolean hostile, LoadGenerator.Result healthy, long casesRun, long casesDiffering) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/bench");
        int seconds = Math.max(5, Math.min(120, args.length > 1 ? Integer.parseInt(args[1]) : 30));
        int rounds = Math.max(1, Math.min(10, args.length > 2 ? Integer.parseInt(args[2]) : 3));
        int hostileWorkers = Math.max(1, Math.min(8, args.length > 3 ? Integer.parseInt(args[3]) : 2));
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        // HostilePeerIT's deployment: the corpus's expectations are written against these limits
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mcp.limits.max-notifications-per-request", "20");
        config.put("mcp.heartbeat.interval-ms", "1000");
        config.put("mcp.websocket.max-queued-messages", "4");
        config.put("mcp.websocket.max-queued-bytes", "1048576");
        config.put("mcp.heartbeat.max-missed", "3");
        config.put("mcp.websocket.close-timeout-ms", "2000");
        config.put("mcp.limits.max-message-bytes", "65536");
        int cases = 0;
        for (String f : System.getProperty("bench.hostile.files", String.join(",", FILES)).split(",")) {
            cases += Corpus.load(f.trim()).size();
        }
        BenchServer server = BenchServer.prepare("hostileServer", 9486, config, List.of());
        server.start();
        List<Phase> phases = new ArrayList<>();
        try {
            URI healthyUri = server.ws("/mcp");
            LoadGenerator.run(healthyUri, HEALTHY_CONNECTIONS, 10, 0, HEALTHY_RATE); // warm-up, not reported
            for (int round = 1; round <= rounds; round++) {
                for (boolean hostile : new boolean[] {false, true}) {
                    Phase p = phase(round, hostile, healthyUri, server, hostileWorkers, seconds);
                    phases.add(p);
                    System.out.printf(Locale.ROOT, "round %d %s: %s, corpus cases run %d%n", round,
                            hostile ? "hostile" : "alone", p.healthy().line(), p.casesRun());
                }
            }
        } finally {
            server.stop();
        }
        write(out, phases, seconds, hostileWorkers, cases, load);
    }

    private static Phase phase(int round, boolean hostile, URI healthyUri, BenchServer server, int workers, int seconds)
            throws Exception {
        Process corpus = null;
        if (hostile) {
            // the corpus runs in a JVM of its own: its allocations and GC pauses must not show in the healthy client's
            // measurements, only its effect on the server
            URI ws = server.ws("/mcp");
            corpus = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), CorpusLoad.class.getName(), Integer.toString(ws.getPort()),
                    ws.getPath(), Integer.toString(workers), Integer.toString(seconds + 4), Long.toString(round),
                    System.getProperty("bench.hostile.files", String.join(",", FILES)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread.sleep(2000); // the corpus JVM starts and its workers connect: a benchmark's ramp, not a wait for a signal
        }
        LoadGenerator.Result healthy = LoadGenerator.run(healthyUri, HEALTHY_CONNECTIONS, seconds, 0, HEALTHY_RATE);
        long run = 0;
        long differing = 0;
        if (corpus != null) {
            String out = new String(corpus.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (!corpus.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                corpus.destroyForcibly();
            }
            String[] counts = out.isEmpty() ? new String[0] : out.substring(out.lastIndexOf('\n') + 1).split(" ");
            run = counts.length == 2 ? Long.parseLong(counts[0]) : -1;
            differing = counts.length == 2 ? Long.parseLong(counts[1]) : -1;
        }
        return new Phase(round, hostile, healthy, run, differing);
    }

    static final List<String> FILES = List.of("amplification.json", "jsonrpc.json", "websocket-frames.json", "mcp.json",
            "http.json", "upgrade.json");

    /**
     * The hostile side, in its own JVM: {@code workers} threads replay the corpus files (shuffled, over and over) for
     * {@code seconds}; prints "cases-run cases-answered-otherwise".
     * Arguments: port, endpoint path, workers, seconds, seed, comma-separated corpus files.
     */
    public static final class CorpusLoad {
        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            String path = args[1];
            int workers = Math.max(1, Math.min(8, Integer.parseInt(args[2])));
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.min(300, Integer.parseInt(args[3])));
            long seed = Long.parseLong(args[4]);
            List<Corpus.Case> all = new ArrayList<>();
            List<Corpus.Case> http = new ArrayList<>();
            for (String f : args[5].split(",")) {
                List<Corpus.Case> cases = Corpus.load(f.trim());
                all.addAll(cases);
                if (f.trim().equals("http.json") || f.trim().equals("upgrade.json")) {
                    http.addAll(cases);
                }
            }
            URI ws = URI.create("ws://localhost:" + port + path);
            AtomicLong run = new AtomicLong();
            AtomicLong differing = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                List<Corpus.Case> mine = new ArrayList<>(all);
                Random random = new Random(seed * 31 + w);
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        Collections.shuffle(mine, random);
                        for (Corpus.Case c : mine) {
                            if (System.nanoTime() >= end) {
                                break;
                            }
                            String failure = http.contains(c) ? HttpCorpus.run(c, "localhost", port, path) : Corpus.run(c, ws);
                            run.incrementAndGet();
                            if (failure != null) {
                                differing.incrementAndGet();
                                if (Boolean.getBoolean("bench.hostile.verbose")) {
                                    System.err.println(c.name() + " -> " + failure);
                                }
                            }
                        }
                    }
                }, "hostile-" + w);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.println(run.get() + " " + differing.get());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void write(Path out, List<Phase> phases, int seconds, int workers, int cases, String load)
            throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# A healthy client while the malformed-input corpus runs\n\n");
        md.append(String.format(Locale.ROOT, "Load average before the run: %s  %nHealthy client: %d connections, %d echo"
                + " `tools/call`/s in total (open loop), %d s per phase. Hostile: %d workers replaying the %d corpus cases"
                + " (WebSocket, Streamable HTTP, upgrades) in a loop.%n%n", load, HEALTHY_CONNECTIONS, HEALTHY_RATE,
                seconds, workers, cases));
        md.append("| round | phase | healthy req/s | p50 ms | p99 ms | max ms | healthy errors | corpus cases run | of which answered otherwise than written |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        List<Double> alone = new ArrayList<>();
        List<Double> hostile = new ArrayList<>();
        List<double[]> aloneSeries = new ArrayList<>();
        List<double[]> hostileSeries = new ArrayList<>();
        for (Phase p : phases) {
            LoadGenerator.Result r = p.healthy();
            md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.2f | %.2f | %d | %d | %d |%n", p.round(),
                    p.hostile() ? "corpus running" : "alone", r.throughput(), r.percentileMs(50), r.percentileMs(99),
                    r.percentileMs(100), r.errors() + r.dropped(), p.casesRun(), p.casesDiffering()));
            (p.hostile() ? hostile : alone).add(r.percentileMs(99));
            (p.hostile() ? hostileSeries : aloneSeries).add(new double[] {p.round(), r.percentileMs(99)});
        }
        double a = median(alone);
        double h = median(hostile);
        md.append(String.format(Locale.ROOT, "%nMedian p99: alone %.2f ms, corpus running %.2f ms: **%.2f x** (target ≤ 3 x).%n",
                a, h, h / a));
        md.append("\nCases \"answered otherwise than written\" are expected under load: the corpus's expectations assume"
                + " one case at a time (e.g. the exact limit of queued messages), and the healthy client's own traffic"
                + " shares the server.\n");
        Files.writeString(out.resolve("hostile.md"), md.toString());
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("healthy client alone", aloneSeries);
        series.put("healthy client while the corpus runs", hostileSeries);
        Chart.line("Healthy client's p99 with and without the hostile corpus", "round", "p99 latency (ms)", false, series,
                out.resolve("hostile-p99.png"));
        System.out.print(md);
    }
}
