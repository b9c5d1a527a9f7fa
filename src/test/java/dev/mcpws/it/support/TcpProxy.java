package dev.mcpws.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that tests put between a client and a server to break the network on purpose.
 *
 * <p>Listens on 127.0.0.1 on a free port and forwards every accepted connection to {@code targetHost:targetPort}
 * (two daemon copier threads per connection). Controls:
 * <ul>
 * <li>{@link #freeze()}: stop delivering bytes in both directions, sockets stay open: a dead network path, or a server
 * that no longer answers pings. Bytes read while frozen are held (one buffer per direction, then TCP back-pressure)
 * and delivered on {@link #unfreeze()}.</li>
 * <li>{@link #dropAll()}: abruptly close every current connection (both sides get a TCP RST): a network cut.</li>
 * <li>{@link #refuse(boolean)}: while true, new connections are accepted and reset at once (no forwarding).</li>
 * </ul>
 * New connections made while frozen are forwarded but frozen too. All blocking is bounded: the connect to the target
 * times out after {@link #CONNECT_TIMEOUT}; {@link #close()} ends everything.
 *
 * <pre>
 * try (TcpProxy proxy = new TcpProxy("localhost", server.port())) {
 *     URI uri = proxy.proxied(server.wsUri());   // ws://127.0.0.1:&lt;proxy port&gt;/mcp
 *     ... proxy.freeze(); ... proxy.dropAll(); ...
 * }
 * </pre>
 */
public final class TcpProxy implements AutoCloseable {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object freezeLock = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean frozen;
    private volatile boolean refusing;
    private volatile boolean closed;

    /** Starts a proxy on a free loopback port to {@code targetHost:targetPort}. */
    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, 0);
    }

    /** Starts a proxy on loopback port {@code listenPort} (0: a free one) to {@code targetHost:targetPort}. */
    public TcpProxy(String targetHost, int targetPort, int listenPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
            this.listener = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-accept-" + port());
        t.setDaemon(true);
        t.start();
    }

    /** The port the proxy listens on (127.0.0.1). */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code uri} with its host and port replaced by the proxy's ({@code 127.0.0.1:<port()>}); path and query kept. */
    public URI proxied(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", port(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Stops forwarding bytes in both directions; sockets stay open. */
    public void freeze() {
        frozen = true;
    }

    /** Resumes forwarding (held bytes are delivered first). */
    public void unfreeze() {
        synchronized (freezeLock) {
            frozen = false;
            freezeLock.notifyAll();
        }
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Closes every current connection abruptly (RST to both the client and the target). New ones are still accepted. */
    public void dropAll() {
        for (Link l : List.copyOf(links)) {
            l.close(true);
        }
    }

    /** While {@code true}, new connections are reset right after accept (existing ones are not touched). */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** Connections currently open through the proxy. */
    public int connectionCount() {
        return links.size();
    }

    /** Connections accepted since the start (including refused ones). */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        synchronized (freezeLock) {
            freezeLock.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing || closed) {
                reset(client);
                continue;
            }
            Thread t = new Thread(() -> open(client), "tcp-proxy-connect-" + port());
            t.setDaemon(true);
            t.start();
        }
    }

    private void open(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(targetHost, targetPort), (int) CONNECT_TIMEOUT.toMillis());
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            reset(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        if (closed) {
            link.close(true);
            return;
        }
        link.pump(client, server, "c2s");
        link.pump(server, client, "s2c");
    }

    private void awaitUnfrozen(Link link) throws InterruptedException {
        synchronized (freezeLock) {
            while (frozen && !link.closed && !closed) {
                freezeLock.wait(200);
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private final class Link {
        final Socket client;
        final Socket server;
        final AtomicInteger finished = new AtomicInteger(); // directions that reached end of stream
        volatile boolean closed;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        awaitUnfrozen(this);
                        if (closed) {
                            return;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                    // orderly end of one direction: pass the FIN on, keep the other direction
                    if (!closed) {
                        to.shutdownOutput();
                    }
                    if (finished.incrementAndGet() == 2) {
                        close(false);
                    }
                } catch (IOException | InterruptedException e) {
                    close(true);
                }
            }, "tcp-proxy-" + direction + "-" + port());
            t.setDaemon(true);
            t.start();
        }

        synchronized void close(boolean abrupt) {
            if (closed) {
                return;
            }
            closed = true;
            links.remove(this);
            if (abrupt) {
                reset(client);
                reset(server);
            } else {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            synchronized (freezeLock) {
                freezeLock.notifyAll();
            }
        }
    }
}
