package dev.mcpws.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark, side by side: runs the benchmark WAR (the production WAR plus {@link RawEchoEndpoint}) on its own
 * Liberty server ({@code benchServer}, port 9480, in the runtime {@code mvn verify} unzipped into target/liberty), and
 * drives {@code /mcp} (MCP echo tool), {@code /raw-echo} and {@code /raw-hop-echo} (see {@link RawHopEchoEndpoint})
 * with the {@link LoadGenerator}: closed loop at 1, 10, 50
 * and 200 connections, then open loop (fixed total rate) at 50 connections. Writes {@code load.md},
 * {@code throughput.png} and {@code p99.png} to the output directory (default docs/bench). Bounded: at most 200
 * connections, {@code seconds} per point.
 *
 * <pre>
 * mvn verify -DskipITs      # once: builds the WAR and unzips Liberty
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.BenchRun 10 docs/bench"
 * </pre>
 * {@code -Dbench.jfr=target/bench/load} (in exec.args) records a flight recording (profile settings) on the server
 * during the closed-loop MCP point at 50 connections; {@code -Dbench.rates=1000,2000,4000} sets the open-loop rates;
 * {@code -Dbench.points=1,10,50,200} the closed-loop connection counts; {@code -Dbench.warmup=10} the seconds of
 * unrecorded load per endpoint before the first point (the server's JIT).
 */
public final class BenchRun {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path out = Path.of(args.length > 1 ? args[1] : "docs/bench");
        int[] points = ints(System.getProperty("bench.points", "1,10,50,200"));
        int[] rates = ints(System.getProperty("bench.rates", "1000,2000,4000"));
        int openConnections = 50;
        String jfr = System.getProperty("bench.jfr");
        int port = Integer.getInteger("bench.port", 9480);
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();

        BenchServer server = BenchServer.prepare("benchServer", port, Map.of("mcp.limits.max-connections", "20000"), List.of());
        server.start();
        List<String> md = new ArrayList<>();
        md.add("Load average before the run: " + load + "; " + seconds + " s per point after 3 s of warm-up; before all"
                + " points, " + Integer.getInteger("bench.warmup", 10) + " s of load on each endpoint to warm up the server.");
        md.add("");
        md.add("Closed loop (each connection sends its next call when the answer arrives). Little's law: mean latency ="
                + " connections / throughput, shown as N/X.");
        md.add("");
        md.add("| connections | MCP req/s | raw req/s | MCP / raw | raw+hop req/s | MCP / raw+hop | MCP mean (N/X) ms |"
                + " MCP p50 / p95 / p99 / max (ms) | raw mean (N/X) ms | raw p50 / p99 (ms) | raw+hop p99 (ms) | errors |"
                + " dropped |");
        md.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<double[]> tputMcp = new ArrayList<>();
        List<double[]> tputRaw = new ArrayList<>();
        List<double[]> tputHop = new ArrayList<>();
        List<double[]> p99Mcp = new ArrayList<>();
        List<double[]> p99Raw = new ArrayList<>();
        try {
            // the server's JIT: a cold server answers at half speed for its first tens of seconds of load
            int warmup = Integer.getInteger("bench.warmup", 10);
            if (warmup > 0) {
                System.out.println("warm-up: " + warmup + " s per endpoint at 10 connections (not recorded)");
                LoadGenerator.run(server.ws("/raw-echo"), 10, warmup, 0);
                LoadGenerator.run(server.ws("/raw-hop-echo"), 10, warmup, 0);
                LoadGenerator.run(server.ws("/mcp"), 10, warmup, 0);
            }
            for (int n : points) {
                LoadGenerator.Result raw = LoadGenerator.run(server.ws("/raw-echo"), n, seconds, 3);
                LoadGenerator.Result hop = LoadGenerator.run(server.ws("/raw-hop-echo"), n, seconds, 3);
                boolean profile = jfr != null && n == 50;
                if (profile) {
                    server.jcmd("JFR.start name=load settings=profile");
                }
                LoadGenerator.Result mcp = LoadGenerator.run(server.ws("/mcp"), n, seconds, 3);
                if (profile) {
                    server.jcmd("JFR.dump name=load filename=" + Path.of(jfr + "-mcp-50.jfr").toAbsolutePath());
                    server.jcmd("JFR.stop name=load");
                }
                System.out.println(raw.line());
                System.out.println(hop.line());
                System.out.println(mcp.line());
                md.add(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.2f | %.2f (%.2f) |"
                                + " %.2f / %.2f / %.2f / %.2f | %.2f (%.2f) | %.2f / %.2f | %.2f | %d | %d |", n,
                        mcp.throughput(), raw.throughput(), mcp.throughput() / raw.throughput(), hop.throughput(),
                        mcp.throughput() / hop.throughput(), mcp.meanMs(), n * 1000 / mcp.throughput(), mcp.percentileMs(50),
                        mcp.percentileMs(95), mcp.percentileMs(99), mcp.percentileMs(100), raw.meanMs(),
                        n * 1000 / raw.throughput(), raw.percentileMs(50), raw.percentileMs(99), hop.percentileMs(99),
                        mcp.errors() + raw.errors() + hop.errors(), mcp.dropped() + raw.dropped() + hop.dropped()));
                tputMcp.add(new double[] {n, mcp.throughput()});
                tputRaw.add(new double[] {n, raw.throughput()});
                tputHop.add(new double[] {n, hop.throughput()});
                p99Mcp.add(new double[] {n, mcp.percentileMs(99)});
                p99Raw.add(new double[] {n, raw.percentileMs(99)});
            }
            md.add("");
            md.add("Open loop at " + openConnections + " connections (calls sent at a fixed total rate whatever the answers;"
                    + " latency from the time each call was due):");
            md.add("");
            md.add("| rate (req/s) | endpoint | achieved req/s | mean / p50 / p95 / p99 / max (ms) | errors | dropped |");
            md.add("|---|---|---|---|---|---|");
            for (int rate : rates) {
                for (String path : List.of("/raw-echo", "/mcp")) {
                    LoadGenerator.Result r = LoadGenerator.run(server.ws(path), openConnections, seconds, 3, rate);
                    System.out.println(r.line());
                    md.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f / %.2f / %.2f / %.2f / %.2f | %d | %d |", rate,
                            path.equals("/mcp") ? "MCP" : "raw", r.throughput(), r.meanMs(), r.percentileMs(50),
                            r.percentileMs(95), r.percentileMs(99), r.percentileMs(100), r.errors(), r.dropped()));
                }
            }
        } finally {
            server.stop();
        }
        Files.write(out.resolve("load.md"), md);
        System.out.println(String.join("\n", md));
        Map<String, List<double[]>> tput = new LinkedHashMap<>();
        tput.put("MCP echo tool (/mcp)", tputMcp);
        tput.put("raw WebSocket echo (/raw-echo)", tputRaw);
        tput.put("raw echo + executor hop (/raw-hop-echo)", tputHop);
        Chart.line("Throughput vs connections (closed loop, same server, same run)", "connections", "requests / s", true,
                tput, out.resolve("throughput.png"));
        Map<String, List<double[]>> p99 = new LinkedHashMap<>();
        p99.put("MCP p99", p99Mcp);
        p99.put("raw p99", p99Raw);
        Chart.line("p99 latency vs connections (closed loop)", "connections", "p99 latency (ms)", true, p99, 5,
                "target: 5 ms at 50 connections", out.resolve("p99.png"));
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }
}
