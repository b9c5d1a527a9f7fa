package dev.mcpws.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TcpProxy} in front of a loopback echo server: forwarding, freeze/unfreeze, dropAll, refuse. */
@Timeout(30)
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // client gone
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new TcpProxy("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket s = connect()) {
            assertEquals("hello", roundTrip(s, "hello"));
            waitUntil(() -> proxy.connectionCount() == 1, "one connection");
        }
        waitUntil(() -> proxy.connectionCount() == 0, "connection gone after the client closed");
    }

    @Test
    void freezeHoldsBytesUntilUnfreeze() throws IOException {
        try (Socket s = connect()) {
            assertEquals("one", roundTrip(s, "one"));
            proxy.freeze();
            s.getOutputStream().write("two".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.setSoTimeout(700);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing arrives while frozen");
            assertEquals(1, proxy.connectionCount(), "the socket stays open while frozen");
            proxy.unfreeze();
            s.setSoTimeout(5000);
            assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), s.getInputStream().readNBytes(3));
            assertEquals("three", roundTrip(s, "three"));
        }
    }

    @Test
    void dropAllClosesTheClientSocket() throws IOException {
        try (Socket s = connect(); Socket t = connect()) {
            assertEquals("x", roundTrip(s, "x"));
            assertEquals("y", roundTrip(t, "y"));
            waitUntil(() -> proxy.connectionCount() == 2, "two connections");
            proxy.dropAll();
            s.setSoTimeout(5000);
            assertClosed(s);
            assertClosed(t);
            waitUntil(() -> proxy.connectionCount() == 0, "no connections after dropAll");
        }
        try (Socket again = connect()) {
            assertEquals("z", roundTrip(again, "z"));
        }
    }

    @Test
    void dropAllWorksWhileFrozen() throws IOException {
        try (Socket s = connect()) {
            assertEquals("a", roundTrip(s, "a"));
            proxy.freeze();
            s.getOutputStream().write('b');
            proxy.dropAll();
            s.setSoTimeout(5000);
            assertClosed(s);
        }
    }

    @Test
    void refuseResetsNewConnections() throws IOException {
        proxy.refuse(true);
        try (Socket s = connect()) {
            s.setSoTimeout(5000);
            assertClosed(s);
        }
        proxy.refuse(false);
        try (Socket s = connect()) {
            assertEquals("ok", roundTrip(s, "ok"));
        }
        assertTrue(proxy.acceptedCount() >= 2);
    }

    @Test
    void proxiedRewritesHostAndPort() {
        assertEquals("ws://127.0.0.1:" + proxy.port() + "/mcp?x=1",
                proxy.proxied(URI.create("ws://localhost:9080/mcp?x=1")).toString());
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
        return new String(s.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    /** The peer closed: read returns end of stream or fails with a reset (both are a closed connection). */
    private static void assertClosed(Socket s) {
        try {
            InputStream in = s.getInputStream();
            int b = in.read();
            assertEquals(-1, b, "expected end of stream");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("socket still open", e);
        } catch (IOException reset) {
            // connection reset: closed
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
