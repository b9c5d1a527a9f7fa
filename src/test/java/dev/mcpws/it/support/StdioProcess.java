package dev.mcpws.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process spoken to through the MCP stdio framing: one JSON message per line on its stdin, one per line read
 * from its stdout (kept in order; lines that are not JSON objects are kept as {@code {"nonJson": "<line>"}}), stderr
 * to a temp file. For tests of the stdio bridge: {@link #bridge(URI, String...)} runs
 * {@code java -jar target/mcp-ws-bridge.jar <url> [args]}.
 *
 * <pre>
 * try (StdioProcess bridge = StdioProcess.bridge(server.wsUri())) {
 *     bridge.send(initializeRequest);                        // a JSON-RPC message, one line
 *     JsonObject r = bridge.awaitResponse(1, Duration.ofSeconds(20));
 *     bridge.closeStdin();  assertEquals(0, bridge.awaitExit(Duration.ofSeconds(10)));
 * }
 * </pre>
 */
public final class StdioProcess implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> unclaimed = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    private StdioProcess(Process process, Path stderr) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "stdio-process-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in {@code dir} (null: the current directory). */
    public static StdioProcess start(File dir, List<String> command) {
        try {
            Path err = Files.createTempFile("stdio-process", ".err");
            Process p = new ProcessBuilder(command).directory(dir).redirectError(err.toFile()).start();
            return new StdioProcess(p, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the stdio bridge ({@code mcp.bridge.jar}, default target/mcp-ws-bridge.jar) with the current JVM's
     * {@code java}: {@code java -jar mcp-ws-bridge.jar <url> [args...]}.
     */
    public static StdioProcess bridge(URI url, String... args) {
        File jar = new File(System.getProperty("mcp.bridge.jar", "target/mcp-ws-bridge.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("no " + jar.getAbsolutePath() + " (built by mvn package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.getAbsolutePath(), url.toString()));
        command.addAll(List.of(args));
        return start(null, command);
    }

    /** Writes one line (the message's compact JSON, which has no newline) to the process's stdin. */
    public void send(JsonObject message) {
        sendLine(message.toString());
    }

    /** Writes {@code line} plus a newline to stdin. */
    public synchronized void sendLine(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("stdin of the process: " + e.getMessage() + stderrReport(), e);
        }
    }

    /** A JSON-RPC request {@code {"jsonrpc":"2.0","id":id,"method":method,"params":params}}. */
    public static JsonObject request(long id, String method, JsonObject params) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method)
                .add("params", params == null ? JsonValue.EMPTY_JSON_OBJECT : params).build();
    }

    /** A JSON-RPC notification. */
    public static JsonObject notification(String method, JsonObject params) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method)
                .add("params", params == null ? JsonValue.EMPTY_JSON_OBJECT : params).build();
    }

    /** The response (result or error) with numeric id {@code id}. */
    public JsonObject awaitResponse(long id, Duration timeout) {
        return await(m -> !m.containsKey("method") && m.containsKey("id")
                && m.get("id").getValueType() == JsonValue.ValueType.NUMBER && m.getJsonNumber("id").longValue() == id,
                timeout, "response " + id);
    }

    /**
     * The next stdout message matching {@code p} (earlier non-matching ones are kept for later awaits); fails with an
     * {@link AssertionError} (including the process's stderr) after {@code timeout}.
     */
    public synchronized JsonObject await(Predicate<JsonObject> p, Duration timeout, String what) {
        for (int i = 0; i < unclaimed.size(); i++) {
            if (p.test(unclaimed.get(i))) {
                return unclaimed.remove(i);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + "; unclaimed: " + unclaimed + "; alive: " + process.isAlive() + stderrReport());
                }
                if (p.test(m)) {
                    return m;
                }
                unclaimed.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything that arrived within {@code window} and was not claimed yet. */
    public synchronized List<JsonObject> drain(Duration window) throws InterruptedException {
        List<JsonObject> got = new ArrayList<>(unclaimed);
        unclaimed.clear();
        long deadline = System.nanoTime() + window.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonObject m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                got.add(m);
            }
        }
        return got;
    }

    /** Every stdout line so far, raw (to check the framing: one message per line, nothing else on stdout). */
    public List<String> stdoutLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** What the process wrote to stderr so far. */
    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Closes the process's stdin (the bridge then exits 0). */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits for the process to exit and returns its exit code; fails after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("process still running after " + timeout.toMillis() + " ms" + stderrReport());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Closes stdin, waits up to 5 s for the exit, then kills the process (and its children). */
    @Override
    public void close() {
        closeStdin();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // temp file
        }
    }

    private String stderrReport() {
        return "\n--- stderr ---\n" + stderr();
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
                JsonObject m;
                try {
                    JsonValue v = Json.createReader(new StringReader(line)).readValue();
                    m = v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject()
                            : Json.createObjectBuilder().add("batch", v).build();
                } catch (RuntimeException notJson) {
                    m = Json.createObjectBuilder().add("nonJson", line).build();
                }
                inbox.add(m);
            }
        } catch (IOException ignored) {
            // process ended
        }
    }
}
