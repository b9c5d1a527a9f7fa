package dev.mcpws.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capacity run: one server ({@code capacityServer}, port 9482) holds 1,000 / 5,000 / 10,000 idle initialized MCP
 * connections opened by {@link CapacityClient} in a separate JVM, with the heartbeat on. At each step it reports heap
 * used after forced full GCs ({@code jcmd GC.run}, {@code GC.heap_info}) and process RSS, as deltas over the
 * zero-connection baseline, per connection. The CPU the heartbeat costs is the server's process CPU time
 * (/proc/pid/stat) over a fixed window at 10,000 idle connections, once with a 5 s heartbeat and once (a second server
 * start) with a 1 h heartbeat (no ping due in the window); the difference of the CPU rates, scaled to 25 s, is the
 * heartbeat's share of a core at the default interval, and divided by the pings the client received, the cost of one
 * ping/pong.
 * Writes {@code capacity.md} and {@code memory-per-connection.png} to the output directory.
 *
 * <pre>
 * mvn verify -DskipITs      # once
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.CapacityRun docs/bench"
 * </pre>
 */
public final class CapacityRun {

    static final int[] STEPS = {1_000, 5_000, 10_000};
    /** The CPU window; longer (-Dbench.capacity.window-s=120) for a measurement at the default 25 s interval. */
    static final int CPU_WINDOW_SECONDS = Integer.getInteger("bench.capacity.window-s", 30);
    /** The heartbeat of the "on" pass: short, so that several ticks fall in the CPU window. */
    static final long SHORT_HEARTBEAT_MS = Long.getLong("bench.capacity.heartbeat-ms", 5_000);
    static final long LONG_HEARTBEAT_MS = 3_600_000;
    /**
     * Where the idle connections go: {@code /mcp} (initialized MCP connections), or, for the baseline of issue 13's
     * idle-memory target, {@code -Dbench.capacity.path=/raw-echo}: bare WebSocket connections to an echo endpoint on
     * the same server (each sends the same first message and gets it back).
     */
    static final String PATH = System.getProperty("bench.capacity.path", "/mcp");

    record Step(int connections, long heapKb, long rssKb, int open, int dropped) {
    }

    record Pass(long heartbeatMs, long baseHeapKb, long baseRssKb, List<Step> steps, long cpuMillis, long systemMillis,
                double windowSeconds,
                double pongs, long pings, String clientStatus) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/bench");
        int port = Integer.getInteger("bench.capacity.port", 9482);
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        if (Boolean.getBoolean("bench.capacity.off-only")) { // the baseline alone (for repeated runs)
            pass(port, LONG_HEARTBEAT_MS);
            return;
        }
        Pass on = pass(port, SHORT_HEARTBEAT_MS);
        if (Boolean.getBoolean("bench.capacity.on-only")) { // for a profile of the heartbeat (with -Dbench.jfr=…)
            return;
        }
        Pass off = pass(port, LONG_HEARTBEAT_MS);
        write(out, on, off, load);
    }

    private static Pass pass(int port, long heartbeatMs) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mcp.limits.max-connections", "20000");
        config.put("mcp.heartbeat.interval-ms", Long.toString(heartbeatMs));
        config.put("mcp.heartbeat.max-missed", "2");
        BenchServer server = BenchServer.prepare("capacityServer", port, config, List.of());
        server.start();
        Process client = null;
        try {
            client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), CapacityClient.class.getName(),
                    server.ws(PATH).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            PrintWriter toClient = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader fromClient = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));

            // warm-up: the first connections load classes and fill caches that do not grow with the count
            ask(toClient, fromClient, "open 200");
            toClient.println("quit");
            client.waitFor();
            Thread.sleep(3000);
            long baseHeap = server.heapUsedAfterGcKb();
            long baseRss = server.rssKb();
            System.out.printf(Locale.ROOT, "heartbeat %d ms, 0 connections: heap %d KiB, RSS %d KiB%n", heartbeatMs, baseHeap, baseRss);

            client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), CapacityClient.class.getName(),
                    server.ws(PATH).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            toClient = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
            fromClient = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            List<Step> steps = new ArrayList<>();
            for (int n : STEPS) {
                long t0 = System.nanoTime();
                String status = ask(toClient, fromClient, "open " + n);
                System.out.printf(Locale.ROOT, "%d connections opened in %.1f s: %s%n", n, (System.nanoTime() - t0) / 1e9, status);
                Thread.sleep(2000);
                long heap = server.heapUsedAfterGcKb();
                long rss = server.rssKb();
                status = ask(toClient, fromClient, "status");
                steps.add(new Step(n, heap, rss, field(status, "open"), field(status, "dropped")));
                System.out.printf(Locale.ROOT, "  heap %d KiB (+%.1f KiB/conn), RSS %d KiB (+%.1f KiB/conn), %s%n", heap,
                        (heap - baseHeap) / (double) n, rss, (rss - baseRss) / (double) n, status);
            }
            // the CPU window at the last step: idle sockets, only the heartbeat (or nothing) runs. Before it, three
            // intervals of the short heartbeat (whatever the pass), so the JIT has compiled the tick's code paths;
            // -Dbench.capacity.rest-s=: a longer rest (at the default 25 s interval, three turns leave the JIT still
            // compiling the pong path in the window: its compiler threads' CPU is printed by thread below)
            Long restS = Long.getLong("bench.capacity.rest-s");
            Thread.sleep(restS != null ? restS * 1000L : 3 * SHORT_HEARTBEAT_MS);
            double pongs0 = server.metric("mcp_server_heartbeat_rtt_seconds_count");
            long pings0 = field(ask(toClient, fromClient, "status"), "pings");
            String jfr = System.getProperty("bench.jfr");
            if (jfr != null) { // a profile of the window only
                // -Dbench.jfr.settings=…jfc: e.g. profile.jfc with jdk.ExecutionSample every 1 ms (idle threads give few samples)
                server.jcmd("JFR.start name=window settings=" + System.getProperty("bench.jfr.settings", "profile"));
            }
            Map<String, long[]> threads0 = server.cpuByThread();
            long[] us0 = server.cpuUserSystemMillis();
            long w0 = System.nanoTime();
            Thread.sleep(CPU_WINDOW_SECONDS * 1000L);
            long[] us1 = server.cpuUserSystemMillis();
            Map<String, long[]> threads1 = server.cpuByThread();
            long cpu0 = us0[0] + us0[1];
            long cpu1 = us1[0] + us1[1];
            long systemMs = us1[1] - us0[1];
            double window = (System.nanoTime() - w0) / 1e9;
            double pongs1 = server.metric("mcp_server_heartbeat_rtt_seconds_count");
            if (jfr != null) {
                server.jcmd("JFR.dump name=window filename=" + Path.of(jfr + "-" + heartbeatMs + ".jfr").toAbsolutePath());
                server.jcmd("JFR.stop name=window");
            }
            // by thread group: each thread's delta (a thread new in the window from 0; one that ended is missing)
            Map<String, long[]> groups = new java.util.TreeMap<>();
            threads1.forEach((thread, t1) -> {
                long[] t0 = threads0.getOrDefault(thread, new long[2]);
                long[] g = groups.computeIfAbsent(thread.substring(0, thread.lastIndexOf('/')), k -> new long[2]);
                g[0] += t1[0] - t0[0];
                g[1] += t1[1] - t0[1];
            });
            StringBuilder byThread = new StringBuilder("CPU by thread in the window (user/system ms):");
            groups.forEach((group, g) -> {
                if (g[0] + g[1] >= 20) {
                    byThread.append(String.format(Locale.ROOT, " %s %d/%d;", group, g[0], g[1]));
                }
            });
            System.out.println(byThread);
            String status = ask(toClient, fromClient, "status");
            long pings = field(status, "pings") - pings0;
            System.out.printf(Locale.ROOT, "CPU window %.1f s: %d ms CPU (%d ms system), %.0f pongs timed, %d pings received,"
                    + " load %s, client %s%n", window, cpu1 - cpu0, systemMs, pongs1 - pongs0, pings,
                    Files.readString(Path.of("/proc/loadavg")).trim(), status);
            toClient.println("quit");
            client.waitFor();
            return new Pass(heartbeatMs, baseHeap, baseRss, steps, cpu1 - cpu0, systemMs, window, pongs1 - pongs0, pings,
                    status);
        } finally {
            if (client != null && client.isAlive()) {
                client.destroy();
            }
            server.stop();
        }
    }

    private static String ask(PrintWriter to, BufferedReader from, String command) throws IOException {
        to.println(command);
        String line = from.readLine();
        if (line == null || !line.startsWith("READY")) {
            throw new IllegalStateException("capacity client: " + line);
        }
        return line;
    }

    private static int field(String status, String name) {
        for (String part : status.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Integer.parseInt(part.substring(name.length() + 1));
            }
        }
        return -1;
    }

    private static void write(Path out, Pass on, Pass off, String load) throws IOException {
        List<String> md = new ArrayList<>();
        md.add("Load average before the run: " + load + "  ");
        md.add("Heap: used after two `jcmd GC.run`; RSS: VmRSS; both as the delta over the same server with no connection"
                + " (after a warm-up of 200 connections, closed), divided by the connection count.");
        md.add("");
        md.add("| heartbeat | connections | held (dropped) | heap used (MiB) | heap / conn (KiB) | RSS (MiB) | RSS / conn (KiB) |");
        md.add("|---|---|---|---|---|---|---|");
        List<double[]> heapOn = new ArrayList<>();
        List<double[]> rssOn = new ArrayList<>();
        for (Pass p : List.of(on, off)) {
            md.add(String.format(Locale.ROOT, "| %s | 0 | - | %.1f | - | %.1f | - |", label(p), p.baseHeapKb() / 1024.0,
                    p.baseRssKb() / 1024.0));
            for (Step s : p.steps()) {
                double heapPer = (s.heapKb() - p.baseHeapKb()) / (double) s.connections();
                double rssPer = (s.rssKb() - p.baseRssKb()) / (double) s.connections();
                md.add(String.format(Locale.ROOT, "| %s | %,d | %,d (%d) | %.1f | %.1f | %.1f | %.1f |", label(p),
                        s.connections(), s.open(), s.dropped(), s.heapKb() / 1024.0, heapPer, s.rssKb() / 1024.0, rssPer));
                if (p == on) {
                    heapOn.add(new double[] {s.connections(), heapPer});
                    rssOn.add(new double[] {s.connections(), rssPer});
                }
            }
        }
        int n = STEPS[STEPS.length - 1];
        // the heartbeat's CPU is the difference of the two passes' CPU rates; at the default interval it is that
        // difference scaled by short / default interval (the work per interval is the same: each socket's turn comes
        // once per interval). Per ping: the heartbeat's CPU in the window / the pings the client received in it.
        double onPct = 100.0 * on.cpuMillis() / (on.windowSeconds() * 1000);
        double offPct = 100.0 * off.cpuMillis() / (off.windowSeconds() * 1000);
        double heartbeatMs = on.cpuMillis() - off.cpuMillis() / off.windowSeconds() * on.windowSeconds();
        double perPingUs = 1000.0 * heartbeatMs / Math.max(1, on.pings());
        double at25s = (onPct - offPct) * on.heartbeatMs() / 25_000;
        md.add("");
        md.add(String.format(Locale.ROOT, "Heartbeat CPU at %,d idle connections (server process utime+stime over %d s):", n,
                CPU_WINDOW_SECONDS));
        md.add("");
        md.add("| heartbeat interval | CPU in window (ms) | of which system (ms) | % of one core | pings in window |"
                + " pongs timed (RTT) | client at the end |");
        md.add("|---|---|---|---|---|---|---|");
        md.add(String.format(Locale.ROOT, "| %d ms | %d | %d | %.2f | %d | %.0f | %s |", on.heartbeatMs(),
                on.cpuMillis(), on.systemMillis(), onPct, on.pings(), on.pongs(), on.clientStatus()));
        md.add(String.format(Locale.ROOT, "| %d ms (no ping due) | %d | %d | %.2f | %d | %.0f | %s |", off.heartbeatMs(),
                off.cpuMillis(), off.systemMillis(), offPct, off.pings(), off.pongs(), off.clientStatus()));
        md.add("");
        md.add(String.format(Locale.ROOT, "The heartbeat over %,d sockets costs ~%.0f ms of CPU per %d ms interval"
                + " (%.0f µs per ping/pong); at the default 25 s interval that is **%.2f %% of one core**.",
                n, heartbeatMs * on.heartbeatMs() / (on.windowSeconds() * 1000), on.heartbeatMs(), perPingUs, at25s));
        Files.write(out.resolve("capacity.md"), md);
        System.out.println(String.join("\n", md));
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("heap used after full GC", heapOn);
        series.put("process RSS", rssOn);
        Chart.line("Memory per idle connection (heartbeat on), delta over 0 connections", "connections", "KiB per connection",
                false, series, 30, "target: 30 KiB heap", out.resolve("memory-per-connection.png"));
    }

    private static String label(Pass p) {
        return p.heartbeatMs() >= 3_600_000 ? "1 h" : p.heartbeatMs() + " ms";
    }
}
