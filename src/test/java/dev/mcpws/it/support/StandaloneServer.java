package dev.mcpws.it.support;

import dev.mcpws.it.McpIT;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A real Open Liberty server process that a test can stop and start again mid-session (Arquillian's managed container
 * cannot), for client tests of reconnects after a server restart.
 *
 * <p>The server is created in the runtime {@code mvn verify} unzipped into {@code target/liberty/wlp} (system property
 * {@code wlp.home}) under its own name, with the project's {@code liberty/config/*} and a {@code bootstrap.properties}
 * that sets HTTP/HTTPS ports chosen free once (with {@code ServerSocket(0)}) and kept across restarts. The WAR is copied
 * into {@code dropins}: a WAR with {@code WEB-INF/ibm-web-ext.xml} (like the production WAR) is served at the root,
 * any other at {@code /<file name without .war>}; {@link #wsUri()} accounts for both. It runs beside the Arquillian
 * server (other name, other ports). Loopback only (server.xml listens on {@code localhost}).
 *
 * <pre>
 * try (StandaloneServer server = new StandaloneServer("restartServer", StandaloneServer.rootTestWar(""))) {
 *     server.start();                 // waits for /health/ready UP (at most 180 s)
 *     URI uri = server.wsUri();       // ws://localhost:&lt;port&gt;/mcp
 *     server.restart();               // bin/server stop, then start on the same ports
 * }                                   // close(): stops it if running
 * </pre>
 * Timings on this machine (2 shared cores): first start about 10-20 s, stop 2-4 s, a later start 6-12 s.
 */
public final class StandaloneServer implements AutoCloseable {

    /** How long {@link #start()} waits for {@code /health/ready} to say UP. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** How long {@link #stop()} waits for {@code bin/server stop} (and for the port to close). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path wlp;
    private final Path serverDir;
    private final String contextPath; // "" for the root, else "/name"
    private final int httpPort;
    private final int httpsPort;
    private volatile boolean running;
    /** Stops the server if the test JVM exits without {@link #close()} (no orphaned Liberty). */
    private final Thread shutdownHook;

    /**
     * Creates (or re-creates) the server {@code name} with {@code war} in its dropins; does not start it. A server of
     * that name left running by an earlier, aborted run is stopped first.
     */
    public StandaloneServer(String name, WebArchive war) {
        this.name = name;
        this.wlp = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath();
        this.serverDir = wlp.resolve("usr/servers/" + name);
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("no Liberty runtime in " + wlp + " (run `mvn verify` or `mvn package liberty:create`)");
        }
        this.contextPath = war.contains("WEB-INF/ibm-web-ext.xml") ? "" : "/" + stripWar(war.getName());
        int[] ports = freePorts(2);
        this.httpPort = ports[0];
        this.httpsPort = ports[1];
        try {
            create(war);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.shutdownHook = new Thread(() -> {
            if (running) {
                server("stop", STOP_TIMEOUT);
            }
        }, "standalone-server-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The production WAR ({@code mcp.war}, default target/mcp-websocket.war) plus the IT fixtures and the IT test
     * configuration (as {@link McpIT#testWar(String, String)}), served at the root like production: the endpoint is
     * {@code ws://localhost:<port>/mcp}. {@code extraConfig}: more microprofile-config lines (later lines win).
     */
    public static WebArchive rootTestWar(String extraConfig) {
        WebArchive war = McpIT.testWar("mcp-standalone", extraConfig);
        File ext = new File("src/main/webapp/WEB-INF/ibm-web-ext.xml");
        if (!ext.isFile()) {
            throw new IllegalStateException("missing " + ext.getAbsolutePath());
        }
        return war.addAsWebInfResource(new FileAsset(ext), "ibm-web-ext.xml");
    }

    /** Starts the server and waits until {@code /health/ready} reports UP, at most {@link #START_TIMEOUT}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        long t0 = System.nanoTime();
        running = true; // from here on close() stops it: a start that fails or times out may have left it running
        int rc = server("start", START_TIMEOUT);
        if (rc != 0 && rc != 1) { // 1: already running
            throw new IllegalStateException("bin/server start " + name + " exited " + rc + logTail());
        }
        waitReady(START_TIMEOUT.minusNanos(System.nanoTime() - t0));
        log("started in " + millisSince(t0) + " ms on port " + httpPort);
    }

    /** Stops the server ({@code bin/server stop}) and waits until its HTTP port no longer accepts connections. */
    public synchronized void stop() {
        long t0 = System.nanoTime();
        int rc = server("stop", STOP_TIMEOUT);
        running = false;
        if (rc != 0 && rc != 1) { // 1: was not running
            throw new IllegalStateException("bin/server stop " + name + " exited " + rc + logTail());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (accepts(httpPort) && System.nanoTime() < deadline) {
            sleep(100);
        }
        log("stopped in " + millisSince(t0) + " ms");
    }

    /**
     * Kills the server's JVM with SIGKILL (a crash, not a stop: no drain, no close frames, sockets reset by the
     * kernel) and waits until it is gone. The pid is the one {@code bin/server start} wrote to
     * {@code usr/servers/.pid/<name>.pid}, checked against the process's command line.
     */
    public synchronized void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid/" + name + ".pid");
        ProcessHandle jvm;
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            jvm = ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(name))
                    .orElseThrow(() -> new IllegalStateException("no JVM of " + name + " with pid " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file of a running " + name, e);
        }
        long t0 = System.nanoTime();
        jvm.destroyForcibly();
        long deadline = t0 + STOP_TIMEOUT.toNanos();
        while (jvm.isAlive()) { // polled: onExit() of a process that is not our child polls with long pauses
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " (pid " + jvm.pid() + ") still alive after SIGKILL");
            }
            sleep(10);
        }
        running = false;
        log("killed (pid " + jvm.pid() + ") in " + millisSince(t0) + " ms");
    }

    /** {@link #stop()} then {@link #start()}: same name, same ports, same deployment. */
    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return running;
    }

    public String name() {
        return name;
    }

    /** The HTTP port (fixed for the life of this object, across restarts). */
    public int port() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** The MCP endpoint: {@code ws://localhost:<port>/mcp} for a root WAR, else {@code ws://localhost:<port>/<name>/mcp}. */
    public URI wsUri() {
        return URI.create("ws://localhost:" + httpPort + contextPath + "/mcp");
    }

    /** The TLS endpoint (the server's self-signed dev certificate for localhost: use a trust-all context). */
    public URI wssUri() {
        return URI.create("wss://localhost:" + httpsPort + contextPath + "/mcp");
    }

    /** {@code http://localhost:<port><path>}, e.g. {@code /health/ready} (server-level, not under the context root). */
    public URI httpUri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    public Path serverDir() {
        return serverDir;
    }

    /** Stops the server if this object started it and it still runs. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        if (running) {
            stop();
        }
    }

    private void create(WebArchive war) throws IOException {
        if (Files.isDirectory(serverDir)) {
            server("stop", STOP_TIMEOUT); // a leftover from an aborted run may still be running; 1 = not running
            for (String sub : List.of("dropins", "apps", "logs", "workarea")) {
                deleteTree(serverDir.resolve(sub));
            }
        } else {
            int rc = server("create", Duration.ofSeconds(60));
            if (rc != 0) {
                throw new IllegalStateException("bin/server create " + name + " exited " + rc);
            }
        }
        File[] config = new File("liberty/config").listFiles();
        if (config == null) {
            throw new IllegalStateException("no liberty/config in " + new File(".").getAbsolutePath());
        }
        String bootstrap = "";
        for (File f : config) {
            if (f.getName().equals("bootstrap.properties")) {
                bootstrap = Files.readString(f.toPath(), StandardCharsets.UTF_8);
            } else if (f.isFile()) {
                Files.copy(f.toPath(), serverDir.resolve(f.getName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(serverDir.resolve("bootstrap.properties"), bootstrap + "\n# StandaloneServer\nhttp.port=" + httpPort
                + "\nhttps.port=" + httpsPort + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(serverDir.resolve("dropins"));
        war.as(ZipExporter.class).exportTo(serverDir.resolve("dropins/" + war.getName()).toFile(), true);
    }

    private void waitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(httpUri("/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"UP\"") && r.body().contains("mcp-ready")) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s: " + last + logTail());
    }

    /** Runs {@code bin/server <action> <name>} (output to the server's logs/standalone-server.out); its exit code. */
    private int server(String action, Duration timeout) {
        try {
            Path out = serverDir.resolve("logs/standalone-server.out");
            ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (Files.isDirectory(serverDir)) {
                Files.createDirectories(out.getParent());
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            pb.environment().remove("JAVA_TOOL_OPTIONS"); // set for the Arquillian server by its adapter; not ours
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("bin/server " + action + " " + name + " took over " + timeout.toSeconds() + " s"
                        + logTail());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        Path messages = serverDir.resolve("logs/messages.log");
        try {
            if (!Files.exists(messages)) {
                return " (no " + messages + ")";
            }
            List<String> lines = Files.readAllLines(messages, StandardCharsets.UTF_8);
            return "\n--- tail of " + messages + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return " (" + e + ")";
        }
    }

    /** {@code n} distinct ports that were free a moment ago (held open together so they differ). */
    public static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                s.setReuseAddress(true);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Whether something accepts TCP connections on localhost:{@code port} right now. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String stripWar(String file) {
        return file.endsWith(".war") ? file.substring(0, file.length() - 4) : file;
    }

    private void log(String message) {
        System.out.println("[StandaloneServer " + name + "] " + message);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Sleeps in a bounded poll of this package (interrupt: restored, and the poll ends). */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
