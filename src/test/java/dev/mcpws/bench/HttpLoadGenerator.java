package dev.mcpws.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop load over HTTP/1.1 POST: N clients, each a thread with its own keep-alive connection (a plain socket:
 * the whole request goes out in one write, so no Nagle / delayed-ACK stall between headers and body, which the JDK
 * client showed here), sending its next {@code tools/call} of {@code echo} when the answer to the previous one
 * arrived. For {@code /mcp} a stateless 2026-07-28 request with the headers the Streamable HTTP binding requires; for
 * a bare servlet the same JSON-RPC body. A connection the server closes (Liberty's keep-alive request limit) is opened
 * again. Bounded in clients and time, loopback only.
 */
final class HttpLoadGenerator {

    private HttpLoadGenerator() {
    }

    static LoadGenerator.Result run(URI uri, int clients, int seconds, int warmupSeconds, Callable<Long> serverCpuMillis)
            throws Exception {
        if (!"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        clients = Math.max(1, Math.min(clients, 500));
        seconds = Math.max(1, Math.min(seconds, 300));
        AtomicBoolean stop = new AtomicBoolean();
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(uri, uri.getPath().endsWith("/mcp"), stop, i * 1_000_000);
            all.add(c);
            Thread t = new Thread(c, "http-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        for (Client c : all) {
            c.reset();
        }
        long cpuStart = serverCpuMillis.call();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long end = System.nanoTime();
        long cpu = serverCpuMillis.call() - cpuStart;
        stop.set(true);
        long requests = 0;
        long errors = 0;
        List<long[]> lat = new ArrayList<>();
        for (Client c : all) {
            synchronized (c) {
                requests += c.count;
                errors += c.errors;
                lat.add(Arrays.copyOf(c.latencies, c.count));
            }
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        long[] latencies = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new LoadGenerator.Result(uri, clients, 0, (end - start) / 1e9, requests, latencies, errors, 0, 0, cpu);
    }

    private static final class Client implements Runnable {
        final URI uri;
        final boolean mcp;
        final AtomicBoolean stop;
        int id;
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(URI uri, boolean mcp, AtomicBoolean stop, int firstId) {
            this.uri = uri;
            this.mcp = mcp;
            this.stop = stop;
            this.id = firstId;
        }

        synchronized void reset() {
            count = 0;
            errors = 0;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    int n = ++id;
                    byte[] request = request(n);
                    long sent = System.nanoTime();
                    boolean ok;
                    try {
                        ok = exchange(request);
                    } catch (IOException e) {
                        close();
                        ok = false;
                    }
                    long now = System.nanoTime();
                    synchronized (this) {
                        if (!ok) {
                            errors++;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = now - sent;
                    }
                }
            } finally {
                close();
            }
        }

        private byte[] request(int n) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"hello " + n + "\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                    + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder().append("POST ").append(uri.getPath()).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(uri.getPort()).append("\r\n")
                    .append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
            if (mcp) {
                h.append("MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: echo\r\n");
            }
            h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head, head.length + b.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            return all;
        }

        /** One request and its response on the keep-alive connection; true for a 200 without a JSON-RPC error. */
        private boolean exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket("localhost", uri.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            }
            if (close) {
                close();
            }
            return status.contains(" 200 ") && !body.toString(StandardCharsets.UTF_8).contains("\"error\"");
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int n = sb.length();
                    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                }
                sb.append((char) c);
            }
            throw new IOException("connection closed");
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // gone
            }
            socket = null;
        }
    }
}
