package dev.mcpws.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it when missing) on a free loopback port,
 * without persistence, for the tests of cluster mode. {@link #stop()} and {@link #start()} again keep the port, so a
 * test can take Redis away from running nodes and give it back.
 *
 * <pre>
 * try (RedisServer redis = RedisServer.launch()) { ... redis.uri() ... redis.stop(); redis.start(); }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {

    private static final long READY_TIMEOUT_S = 30;

    private final int port;
    private final Path dir;
    private Process process;
    /** Kills the server if the test JVM exits without {@link #close()} (e.g. a failed deployment skipped it). */
    private final Thread shutdownHook = new Thread(this::killNow, "redis-server-stop");

    private RedisServer(int port) {
        this.port = port;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            this.dir = Files.createTempDirectory("redis-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new server on a free port, started; waits for "Ready to accept connections" (at most 30 s). */
    public static RedisServer launch() {
        RedisServer r = new RedisServer(freePort());
        r.start();
        return r;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                    "--loglevel", "notice").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (Debian: apt-get install -y redis-server)", e);
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        if (log.length() < 10_000) {
                            log.append(line).append('\n');
                        }
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(false);
        }, "redis-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(READY_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + log);
            }
        } catch (Exception e) {
            stop();
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("redis-server start: " + e + "\n" + log, e);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it is gone. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open but nothing is answered, as a Redis stalled by the machine
     * or the network; {@link #resume()} (SIGCONT) lets it answer what was sent meanwhile.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void killNow() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly(); // SIGKILL ends a paused server too
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        stop();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
