package dev.mcpws.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The load benchmark, side by side: builds a benchmark WAR (the production WAR plus {@link RawEchoEndpoint}), runs it
 * on its own Liberty server ({@code benchServer}, in the runtime {@code mvn verify} unzipped into target/liberty), and
 * drives {@code /mcp} (MCP echo tool) and {@code /raw-echo} with the {@link LoadGenerator} at each connection count.
 * Writes {@code target/bench/load.md}. Bounded: at most 200 connections, {@code seconds} per point.
 *
 * <pre>
 * mvn verify -DskipITs      # once: builds the WAR and unzips Liberty
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.BenchRun 10"
 * </pre>
 */
public final class BenchRun {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] points = {1, 10, 50, 200};
        Path target = Path.of("target");
        Path wlp = target.resolve("liberty/wlp");
        Path war = target.resolve("mcp-websocket.war");
        if (!Files.isDirectory(wlp) || !Files.exists(war)) {
            throw new IllegalStateException("run `mvn verify -DskipITs` (or `mvn package liberty:create`) first");
        }
        String server = "benchServer";
        Path serverDir = wlp.resolve("usr/servers/" + server);
        if (!Files.isDirectory(serverDir)) {
            exec(wlp, "bin/server", "create", server);
        }
        for (File f : new File("liberty/config").listFiles()) {
            if (f.isFile()) {
                Files.copy(f.toPath(), serverDir.resolve(f.getName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port = Integer.getInteger("bench.port", 9480);
        Files.writeString(serverDir.resolve("bootstrap.properties"), "http.port=" + port + "\nhttps.port=" + (port + 1)
                + "\ncom.ibm.ws.logging.console.format=simple\n");
        WebArchive bench = ShrinkWrap.create(ZipImporter.class, "mcp-bench.war").importFrom(war.toFile()).as(WebArchive.class);
        bench.delete("WEB-INF/ibm-web-ext.xml");
        bench.addClass(RawEchoEndpoint.class)
                .addAsResource(new StringAsset("mcp.limits.max-connections=20000\n"), "META-INF/microprofile-config.properties");
        Files.createDirectories(serverDir.resolve("dropins"));
        bench.as(ZipExporter.class).exportTo(serverDir.resolve("dropins/mcp-bench.war").toFile(), true);

        exec(wlp, "bin/server", "start", server);
        try {
            waitReady(port);
            List<String> rows = new ArrayList<>();
            rows.add("| connections | MCP echo req/s | raw echo req/s | ratio | MCP p50 / p95 / p99 / max (ms) | raw p99 (ms) | errors | dropped |");
            rows.add("|---|---|---|---|---|---|---|---|");
            for (int n : points) {
                LoadGenerator.Result raw = LoadGenerator.run(URI.create("ws://localhost:" + port + "/mcp-bench/raw-echo"), n, seconds, 3);
                LoadGenerator.Result mcp = LoadGenerator.run(URI.create("ws://localhost:" + port + "/mcp-bench/mcp"), n, seconds, 3);
                rows.add(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.2f / %.2f / %.2f / %.2f | %.2f | %d | %d |", n,
                        mcp.throughput(), raw.throughput(), mcp.throughput() / raw.throughput(), mcp.percentileMs(50),
                        mcp.percentileMs(95), mcp.percentileMs(99), mcp.percentileMs(100), raw.percentileMs(99),
                        mcp.errors() + raw.errors(), mcp.dropped() + raw.dropped()));
                System.out.println(rows.get(rows.size() - 1));
            }
            Files.createDirectories(target.resolve("bench"));
            Files.writeString(target.resolve("bench/load.md"), String.join("\n", rows) + "\n");
        } finally {
            exec(wlp, "bin/server", "stop", server);
        }
    }

    private static void waitReady(int port) throws Exception {
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
        throw new IllegalStateException("benchServer did not become ready");
    }

    private static void exec(Path wlp, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, wlp.resolve(command[0]).toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() > 2) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
