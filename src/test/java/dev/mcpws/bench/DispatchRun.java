package dev.mcpws.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 13's before/after benchmark: several builds of the WAR (e.g. the code before a change and after it), each on a
 * Liberty server of its own, all running at once, measured in alternating rounds. For each build, each connection
 * count and each round: the bare echo {@code /raw-echo} and the MCP echo tool {@code /mcp} of the same server, closed
 * loop, with the server's CPU (utime + stime from /proc) over the measured window. Reports medians over the rounds of
 * req/s, p99 and server CPU per 10,000 requests, and the ratios MCP / raw of the same server in the same round (the
 * only numbers comparable on a shared machine), with their spread. Writes {@code dispatch.md} and
 * {@code dispatch-cpu.png}, {@code dispatch-throughput.png}, {@code dispatch-p99.png}.
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath -Dbench.wars=before=/path/before.war,after=target/mcp-websocket.war \
 *      dev.mcpws.bench.DispatchRun 6 3 docs/bench"
 * </pre>
 * Args: seconds per point (after 3 s of warm-up), rounds, output directory. {@code -Dbench.port=9490}: the first
 * server's port (each next one +2, at most 9498); {@code -Dbench.points=1,10,50,200}; {@code -Dbench.warmup=10} (s of
 * load per endpoint and server before the rounds); {@code -Dbench.jfr=target/bench/dispatch}: after the rounds, one
 * more MCP point at 50 connections per build with a flight recording ({@code <prefix>-<label>.jfr}, profile settings:
 * execution and allocation samples; {@code -Dbench.jfr.settings=} another .jfc, {@code -Dbench.jfr.http=true} 10 HTTP
 * clients instead, {@code -Dbench.jfr.path=/raw-echo} the bare endpoint instead); {@code -Dbench.http-points=10,50}:
 * also Streamable HTTP POST (stateless 2026-07-28 {@code tools/call}) against a bare servlet echo
 * ({@link RawHttpEchoServlet}) at those client counts.
 */
public final class DispatchRun {

    private record Build(String label, Path war) {
    }

    /** One measured point. */
    private record Point(double rps, double p99, double cpu10k) {
        static Point of(LoadGenerator.Result r) {
            return new Point(r.throughput(), r.percentileMs(99), r.cpuSecondsPer10k());
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path out = Path.of(args.length > 2 ? args[2] : "docs/bench");
        // WebSocket points, then Streamable HTTP POST points (-Dbench.http-points=10,50; none by default)
        int[] wsPoints = ints(System.getProperty("bench.points", "1,10,50,200"));
        int[] httpPoints = ints(System.getProperty("bench.http-points", ""));
        int[] points = java.util.stream.IntStream.concat(Arrays.stream(wsPoints), Arrays.stream(httpPoints)).toArray();
        int firstHttp = wsPoints.length;
        List<Build> builds = new ArrayList<>();
        for (String b : System.getProperty("bench.wars", "after=target/mcp-websocket.war").split(",")) {
            String[] kv = b.split("=", 2);
            builds.add(new Build(kv[0].trim(), Path.of(kv[1].trim())));
        }
        int port = Integer.getInteger("bench.port", 9490);
        if (port + 2 * (builds.size() - 1) > 9498) {
            throw new IllegalArgumentException("too many builds for the ports from " + port);
        }
        Files.createDirectories(out);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<BenchServer> servers = new ArrayList<>();
        // results[build][point][round] for raw and mcp
        Point[][][] raw = new Point[builds.size()][points.length][rounds];
        Point[][][] mcp = new Point[builds.size()][points.length][rounds];
        try {
            for (int i = 0; i < builds.size(); i++) {
                BenchServer s = BenchServer.prepare("dispatch-" + builds.get(i).label(), port + 2 * i,
                        Map.of("mcp.limits.max-connections", "20000"), List.of(), builds.get(i).war());
                s.start();
                servers.add(s);
            }
            int warmup = Integer.getInteger("bench.warmup", 10);
            for (BenchServer s : servers) {
                LoadGenerator.run(s.ws("/raw-echo"), 10, warmup, 0);
                LoadGenerator.run(s.ws("/mcp"), 10, warmup, 0);
                if (httpPoints.length > 0) { // the HTTP paths are compiled too before the first round
                    HttpLoadGenerator.run(s.http(System.getProperty("bench.http-raw", "/raw-http-echo")), 10, warmup, 0, s::cpuMillis);
                    HttpLoadGenerator.run(s.http(System.getProperty("bench.http-mcp", "/mcp")), 10, warmup, 0, s::cpuMillis);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < builds.size(); k++) {
                    int b = (k + r) % builds.size(); // a different build goes first in each round
                    BenchServer s = servers.get(b);
                    for (int p = 0; p < points.length; p++) {
                        int n = points[p];
                        boolean rawFirst = (r + p) % 2 == 0;
                        boolean overHttp = p >= firstHttp;
                        LoadGenerator.Result a;
                        LoadGenerator.Result c;
                        try {
                            a = measure(s, overHttp, rawFirst, n, seconds);
                            c = measure(s, overHttp, !rawFirst, n, seconds);
                        } catch (Exception e) { // a point that fails (the machine is shared) is reported, not fatal
                            System.out.println("round " + (r + 1) + " " + builds.get(b).label() + " n=" + n + " failed: " + e);
                            raw[b][p][r] = new Point(Double.NaN, Double.NaN, Double.NaN);
                            mcp[b][p][r] = raw[b][p][r];
                            continue;
                        }
                        LoadGenerator.Result rr = rawFirst ? a : c;
                        LoadGenerator.Result mr = rawFirst ? c : a;
                        raw[b][p][r] = Point.of(rr);
                        mcp[b][p][r] = Point.of(mr);
                        System.out.printf(Locale.ROOT, "round %d %s %s n=%d raw %.0f rps p99 %.2f cpu %.3f | mcp %.0f rps p99 %.2f"
                                        + " cpu %.3f | errors %d dropped %d%n", r + 1, builds.get(b).label(), overHttp ? "http" : "ws", n,
                                rr.throughput(), rr.percentileMs(99), rr.cpuSecondsPer10k(), mr.throughput(),
                                mr.percentileMs(99), mr.cpuSecondsPer10k(), rr.errors() + mr.errors(),
                                rr.dropped() + mr.dropped());
                    }
                }
            }
            String jfr = System.getProperty("bench.jfr");
            if (jfr != null) {
                for (int b = 0; b < builds.size(); b++) {
                    BenchServer s = servers.get(b);
                    // -Dbench.jfr.settings=…jfc (e.g. execution samples every 1 ms); -Dbench.jfr.http=true: the
                    // recorded point is 10 Streamable HTTP clients instead of 50 WebSocket ones; -Dbench.jfr.path=/raw-echo
                    // (or /raw-http-echo): the bare endpoint's profile, to set beside the MCP one
                    String path = System.getProperty("bench.jfr.path", "/mcp");
                    s.jcmd("JFR.start name=dispatch settings=" + System.getProperty("bench.jfr.settings", "profile"));
                    LoadGenerator.Result m = Boolean.getBoolean("bench.jfr.http")
                            ? HttpLoadGenerator.run(s.http(path), 10, seconds, 3, s::cpuMillis)
                            : LoadGenerator.run(s.ws(path), 50, seconds, 3, 0, s::cpuMillis);
                    Path file = Path.of(jfr + "-" + builds.get(b).label() + ".jfr").toAbsolutePath();
                    Files.createDirectories(file.getParent());
                    s.jcmd("JFR.dump name=dispatch filename=" + file);
                    s.jcmd("JFR.stop name=dispatch");
                    System.out.println("recorded " + file + ": " + m.line());
                }
            }
        } finally {
            for (BenchServer s : servers) {
                s.stop();
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        List<String> md = new ArrayList<>();
        md.add("Load average before: " + loadBefore + "; after: " + loadAfter + ". " + rounds + " rounds; in each, every"
                + " build (its own server, all running) at every point, raw and MCP alternating first; " + seconds
                + " s per point after 3 s of warm-up. Closed loop, `tools/call` of `echo`. Medians over the rounds;"
                + " ratios are MCP / raw of the same server in the same round (median, and min-max over the rounds)."
                + " CPU: server utime + stime per 10,000 requests, in seconds.");
        md.add("");
        md.add("| build | transport, connections | raw req/s | MCP req/s | throughput MCP / raw | raw p99 ms | MCP p99 ms"
                + " | p99 MCP / raw | raw CPU s/10k | MCP CPU s/10k | CPU MCP / raw |");
        md.add("|---|---|---|---|---|---|---|---|---|---|---|");
        Map<String, List<double[]>> cpuChart = new LinkedHashMap<>();
        Map<String, List<double[]>> tputChart = new LinkedHashMap<>();
        Map<String, List<double[]>> p99Chart = new LinkedHashMap<>();
        for (int p = 0; p < points.length; p++) {
            for (int b = 0; b < builds.size(); b++) {
                Point[] rp = raw[b][p];
                Point[] mp = mcp[b][p];
                double[] tr = new double[rounds];
                double[] pr = new double[rounds];
                double[] cr = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    tr[r] = mp[r].rps() / rp[r].rps();
                    pr[r] = mp[r].p99() / rp[r].p99();
                    cr[r] = mp[r].cpu10k() / rp[r].cpu10k();
                }
                String label = builds.get(b).label();
                String series = p >= firstHttp ? label + " (HTTP POST)" : label;
                md.add(String.format(Locale.ROOT, "| %s | %s %d | %.0f | %.0f | %s | %.2f | %.2f | %s | %.3f | %.3f | %s |",
                        label, p >= firstHttp ? "HTTP POST" : "WebSocket", points[p], median(rp, Point::rps), median(mp, Point::rps), spread(tr),
                        median(rp, Point::p99), median(mp, Point::p99), spread(pr),
                        median(rp, Point::cpu10k), median(mp, Point::cpu10k), spread(cr)));
                cpuChart.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {points[p], median(cr)});
                tputChart.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {points[p], median(tr)});
                p99Chart.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {points[p], median(pr)});
            }
        }
        Files.write(out.resolve("dispatch.md"), md);
        System.out.println(String.join("\n", md));
        Chart.line("Server CPU per request, MCP / bare echo (same server, same round; target <= 1)", "connections",
                "CPU ratio", true, cpuChart, 1, "target", out.resolve("dispatch-cpu.png"));
        Chart.line("Throughput, MCP / bare echo (target >= 0.95)", "connections", "throughput ratio", true, tputChart,
                0.95, "target", out.resolve("dispatch-throughput.png"));
        Chart.line("p99 latency, MCP / bare echo (target <= 1)", "connections", "p99 ratio", true, p99Chart, 1,
                "target", out.resolve("dispatch-p99.png"));
    }

    /** One closed-loop point: the bare echo ({@code raw}) or {@code /mcp}, over WebSocket or HTTP POST. */
    private static LoadGenerator.Result measure(BenchServer s, boolean overHttp, boolean raw, int n, int seconds)
            throws Exception {
        if (overHttp) {
            // -Dbench.http-raw / -Dbench.http-mcp: other paths on the same server, e.g. the bare echo with the body read
            // asynchronously (/raw-http-async-echo) as either side, to see what the asynchronous read alone costs
            return HttpLoadGenerator.run(s.http(raw ? System.getProperty("bench.http-raw", "/raw-http-echo")
                    : System.getProperty("bench.http-mcp", "/mcp")), n, seconds, 3, s::cpuMillis);
        }
        return LoadGenerator.run(s.ws(raw ? "/raw-echo" : "/mcp"), n, seconds, 3, 0, s::cpuMillis);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
    }

    private static double median(Point[] ps, java.util.function.ToDoubleFunction<Point> f) {
        return median(Arrays.stream(ps).mapToDouble(f).toArray());
    }

    /** The median of the values that are numbers (a failed point is NaN). */
    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** "median (min-max)". */
    private static String spread(double[] v) {
        double min = Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
        double max = Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(v), min, max);
    }
}
