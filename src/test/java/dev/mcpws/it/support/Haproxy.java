package dev.mcpws.it.support;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HAProxy (Debian's {@code haproxy} 2.6; {@code .ci/run} installs it when missing) started from the example
 * configuration {@code deploy/haproxy/haproxy.cfg} with only its addresses replaced: the frontend's {@code bind} (a
 * free loopback port), the backend's {@code server} lines (the test's nodes on 127.0.0.1, in the place of the
 * example's) and the stats socket path (a temporary directory). Every other line runs as written, so the example is
 * what the test exercises. Its log (the example logs to stdout, {@code option httplog}) is kept for assertions; its
 * runtime API answers {@link #admin}.
 */
public final class Haproxy implements AutoCloseable {

    /** The example configuration, relative to the project directory. */
    public static final Path EXAMPLE = Path.of("deploy/haproxy/haproxy.cfg");

    private final Process process;
    private final Path dir;
    private final Path socket;
    private final int port;
    private final List<String> log = new ArrayList<>();
    private final Thread shutdownHook;

    private Haproxy(Process process, Path dir, Path socket, int port) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
        this.port = port;
        this.shutdownHook = new Thread(process::destroyForcibly, "haproxy-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                        log.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "haproxy-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The example with {@code nodes} (name -> HTTP port on 127.0.0.1) as its servers, started in the foreground;
     * returns once every server is reported UP by its health check (at most {@code timeout}).
     */
    public static Haproxy start(Map<String, Integer> nodes, Duration timeout) {
        return start(nodes, nodes.keySet(), timeout);
    }

    /** As {@link #start(Map, Duration)}, waiting for {@code up} only (the others may be dead). */
    public static Haproxy start(Map<String, Integer> nodes, java.util.Collection<String> up, Duration timeout) {
        try {
            Path dir = Files.createTempDirectory("haproxy-it");
            Path socket = dir.resolve("admin.sock");
            int port = StandaloneServer.freePorts(1)[0];
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, configure(Files.readString(EXAMPLE, StandardCharsets.UTF_8), port, socket, nodes),
                    StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(binary(), "-db", "-f", cfg.toString()).redirectErrorStream(true).start();
            Haproxy h = new Haproxy(p, dir, socket, port);
            h.awaitStatus(up, "UP", timeout);
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example's text with the test's addresses: bind, stats socket, server lines. */
    static String configure(String example, int port, Path socket, Map<String, Integer> nodes) {
        StringBuilder out = new StringBuilder();
        boolean serversWritten = false;
        int binds = 0;
        for (String line : example.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("bind ")) {
                out.append("    bind 127.0.0.1:").append(port).append('\n');
                binds++;
            } else if (t.startsWith("stats socket ")) {
                out.append(line.replaceFirst("stats socket \\S+", "stats socket " + socket)).append('\n');
            } else if (t.startsWith("server ")) {
                if (!serversWritten) {
                    nodes.forEach((name, p) -> out.append("    server ").append(name).append(" 127.0.0.1:").append(p).append('\n'));
                    serversWritten = true;
                }
            } else {
                out.append(line).append('\n');
            }
        }
        if (binds != 1 || !serversWritten || !out.toString().contains("stats socket " + socket)) {
            throw new IllegalStateException(EXAMPLE + " no longer has one bind, a stats socket and server lines");
        }
        return out.toString();
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "haproxy"; // on the PATH, else the start fails with a clear IOException
    }

    /** {@code ws://localhost:<port>/mcp}: the cluster through the load balancer. */
    public java.net.URI wsUri() {
        return java.net.URI.create("ws://localhost:" + port + "/mcp");
    }

    public java.net.URI httpUri(String path) {
        return java.net.URI.create("http://localhost:" + port + path);
    }

    public int port() {
        return port;
    }

    /** One command of the runtime API (e.g. {@code set server mcp/b state drain}); its answer. */
    public String admin(String command) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                answer.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy runtime API: " + command, e);
        }
    }

    /** The status ({@code UP}, {@code DOWN}, {@code MAINT}, {@code DRAIN}...) of each server of the backend. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        String[] lines = admin("show stat").split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            return status;
        }
        List<String> header = List.of(lines[0].substring(2).split(","));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int st = header.indexOf("status");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length > st && "mcp".equals(f[px]) && !f[sv].equals("BACKEND") && !f[sv].equals("FRONTEND")) {
                status.put(f[sv], f[st]);
            }
        }
        return status;
    }

    /** Waits (polling the runtime API every 50 ms, at most {@code timeout}) until each of {@code servers} has {@code status}. */
    public void awaitStatus(java.util.Collection<String> servers, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> now = Map.of();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited " + process.exitValue() + ":\n" + String.join("\n", log()));
            }
            try {
                Map<String, String> snapshot = status();
                now = snapshot;
                if (servers.stream().allMatch(s -> snapshot.getOrDefault(s, "").startsWith(status))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // the socket is not there yet
            }
            StandaloneServer.sleep(50);
        }
        throw new IllegalStateException("haproxy servers " + servers + " not " + status + " within " + timeout + ": " + now
                + "\n" + String.join("\n", log()));
    }

    /** Every log line so far. */
    public List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** Waits until a log line after the first {@code from} lines matches, at most {@code timeout}; null if none came. */
    public String awaitLog(int from, java.util.function.Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            int seen = from;
            while (true) {
                for (; seen < log.size(); seen++) {
                    if (matches.test(log.get(seen))) {
                        return log.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(log, left);
            }
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException leftBehind) {
            // a temporary directory left behind
        }
    }
}
