package dev.mcpws.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Liberty server of the benchmarks, in the runtime that {@code mvn verify} unzipped into target/liberty: created
 * once, configured from {@code liberty/config} (plus extra JVM options), with the benchmark WAR (the production WAR,
 * {@link RawEchoEndpoint} and the given MicroProfile Config) in its dropins, served at {@code /mcp-bench}. Also reads
 * the server process's CPU time, RSS and (through {@code jcmd}) heap.
 */
final class BenchServer {

    final Path wlp;
    final String name;
    final int port;
    final Path dir;

    private BenchServer(Path wlp, String name, int port) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
        this.dir = wlp.resolve("usr/servers/" + name);
    }

    /**
     * Creates (if needed) and configures the server; does not start it.
     *
     * @param mpConfig   MicroProfile Config of the benchmark WAR (e.g. {@code mcp.heartbeat.interval-ms})
     * @param jvmOptions JVM options added after {@code liberty/config/jvm.options} (e.g. a flight recording)
     */
    static BenchServer prepare(String name, int port, Map<String, String> mpConfig, List<String> jvmOptions) throws Exception {
        return prepare(name, port, mpConfig, jvmOptions, null);
    }

    /** As {@link #prepare(String, int, Map, List)}, with the WAR at {@code warFile} (null: {@code -Dbench.war} or target's). */
    static BenchServer prepare(String name, int port, Map<String, String> mpConfig, List<String> jvmOptions,
                               Path warFile) throws Exception {
        if (port < 9480 || port > 9498) {
            throw new IllegalArgumentException("benchmark ports are 9480-9499: " + port);
        }
        Path target = Path.of("target");
        // -Dbench.wlp=…: another copy of the runtime (Arquillian refuses to start while a server of its runtime runs)
        Path wlp = Path.of(System.getProperty("bench.wlp", target.resolve("liberty/wlp").toString()));
        // -Dbench.war=…: another build of the WAR (e.g. the code before a change, for a before/after in one session)
        Path war = warFile != null ? warFile
                : Path.of(System.getProperty("bench.war", target.resolve("mcp-websocket.war").toString()));
        if (!Files.isDirectory(wlp) || !Files.exists(war)) {
            throw new IllegalStateException("run `mvn verify -DskipITs` (or `mvn package liberty:create`) first");
        }
        BenchServer s = new BenchServer(wlp, name, port);
        if (!Files.isDirectory(s.dir)) {
            s.exec("bin/server", "create", name);
        }
        for (File f : new File("liberty/config").listFiles()) {
            if (f.isFile()) {
                Files.copy(f.toPath(), s.dir.resolve(f.getName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jvmOptions = new ArrayList<>(jvmOptions);
        // -Dbench.jvm-options="-XX:+UseParallelGC;-Xms512m": extra options to try a tuning without editing liberty/config
        for (String o : System.getProperty("bench.jvm-options", "").split(";")) {
            if (!o.isBlank()) {
                jvmOptions.add(o.trim());
            }
        }
        if (!jvmOptions.isEmpty()) {
            String base = Files.readString(s.dir.resolve("jvm.options"));
            if (jvmOptions.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
                base = base.replaceAll("(?m)^-XX:\\+Use\\w+GC\\s*$", ""); // one collector only
            }
            Files.writeString(s.dir.resolve("jvm.options"), base
                    + "\n# added by the benchmark\n" + String.join("\n", jvmOptions) + "\n");
        }
        Files.writeString(s.dir.resolve("bootstrap.properties"), "http.port=" + port + "\nhttps.port=" + (port + 1)
                + "\ncom.ibm.ws.logging.console.format=simple\n");
        StringBuilder props = new StringBuilder();
        mpConfig.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        WebArchive bench = ShrinkWrap.create(ZipImporter.class, "mcp-bench.war").importFrom(war.toFile()).as(WebArchive.class);
        bench.delete("WEB-INF/ibm-web-ext.xml");
        bench.addClasses(RawEchoEndpoint.class, RawHopEchoEndpoint.class, RawHttpEchoServlet.class,
                RawHttpAsyncEchoServlet.class)
                .addAsResource(new StringAsset(props.toString()), "META-INF/microprofile-config.properties");
        Files.createDirectories(s.dir.resolve("dropins"));
        bench.as(ZipExporter.class).exportTo(s.dir.resolve("dropins/mcp-bench.war").toFile(), true);
        return s;
    }

    /** {@code -XX:StartFlightRecording} (profile settings) to the file named by {@code -Dbench.jfr=…}, when set. */
    static List<String> jfrOptions() {
        String file = System.getProperty("bench.jfr");
        if (file == null || file.isBlank()) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(file).toAbsolutePath() + ",dumponexit=true");
    }

    URI http(String path) {
        return URI.create("http://localhost:" + port + "/mcp-bench" + path);
    }

    URI ws(String path) {
        return URI.create("ws://localhost:" + port + "/mcp-bench" + path);
    }

    void start() throws Exception {
        exec("bin/server", "start", name);
        waitReady();
    }

    void stop() throws IOException, InterruptedException {
        exec("bin/server", "stop", name);
    }

    /** The server's process id (Liberty's pid file). */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }

    /** utime + stime of the server process, in milliseconds (from /proc/pid/stat; clock ticks of 10 ms). */
    long cpuMillis() throws IOException {
        long[] us = cpuUserSystemMillis();
        return us[0] + us[1];
    }

    /** {utime, stime} of the server process in milliseconds. */
    long[] cpuUserSystemMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "(comm) ": f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12]
        return new long[] {Long.parseLong(f[11]) * 10, Long.parseLong(f[12]) * 10}; // USER_HZ = 100 on Linux
    }

    /**
     * {utime, stime} in milliseconds of each live thread, keyed by "group/tid": the group is the thread's name
     * ({@code /proc/pid/task/tid/comm}, 15 characters) with its digits as N, so "Default Executor-thread-12" is in
     * "Default Executo". Threads that end are gone from the next snapshot: compare snapshots thread by thread.
     */
    java.util.TreeMap<String, long[]> cpuByThread() throws IOException {
        java.util.TreeMap<String, long[]> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(name + "/" + task.getFileName(), new long[] {Long.parseLong(f[11]) * 10, Long.parseLong(f[12]) * 10});
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    /** Resident set size of the server process in KiB (/proc/pid/status VmRSS). */
    long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    /** Heap used in KiB after two forced full GCs ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    long heapUsedAfterGcKb() throws Exception {
        jcmd("GC.run");
        Thread.sleep(500);
        jcmd("GC.run");
        Thread.sleep(500);
        String info = jcmd("GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read heap_info: " + info);
        }
        return Long.parseLong(m.group(2));
    }

    String jcmd(String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
        cmd.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** GET of a server path, e.g. /metrics. */
    String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A counter or the count of a timer from the Prometheus text of /metrics, or -1. */
    double metric(String prometheusName) throws Exception {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(prometheusName + "{") || line.startsWith(prometheusName + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private void waitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("mcp-ready")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become ready");
    }

    private void exec(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, wlp.resolve(command[0]).toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() > 2) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
