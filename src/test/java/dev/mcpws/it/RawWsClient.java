package dev.mcpws.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A deliberately bad WebSocket client on a plain socket: it does the upgrade, then sends what the test says and
 * reads only when the test says so. It never answers pings, so it plays a dead peer or a peer that stops reading.
 */
public final class RawWsClient implements AutoCloseable {

    /** One frame read from the server. */
    public record Frame(int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public static final int TEXT = 1;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;
    public static final int CONTINUATION = 0;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a slow reader). */
    public static RawWsClient connect(URI ws, int receiveBuffer) throws IOException {
        return connect(ws, receiveBuffer, "");
    }

    /** Connects and upgrades, with {@code extraHeaders} (CRLF-terminated lines) in the upgrade request. */
    public static RawWsClient connect(URI ws, int receiveBuffer, String extraHeaders) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new java.net.InetSocketAddress(ws.getHost(), ws.getPort()), 5000);
        s.setSoTimeout(20_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        RawWsClient c = new RawWsClient(s);
        String status = c.readHeaders();
        if (!status.contains(" 101 ")) {
            s.close();
            throw new IOException("upgrade refused: " + status);
        }
        return c;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        InputStream raw = socket.getInputStream();
        int state = 0;
        while (state < 4) {
            int b = raw.read();
            if (b < 0) {
                throw new EOFException("no upgrade response");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream(data.length + 14);
        f.write(0x80 | TEXT);
        if (data.length < 126) {
            f.write(0x80 | data.length);
        } else if (data.length < 65536) {
            f.write(0x80 | 126);
            f.write(data.length >>> 8);
            f.write(data.length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) data.length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < data.length; i++) {
            f.write(data[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** Sends one masked frame with a first byte as given (FIN, RSV bits, opcode: anything, valid or not). */
    public void sendFrame(int firstByte, byte[] data) throws IOException {
        out.write(frame(firstByte, data, true));
        out.flush();
    }

    /**
     * The bytes of one frame of any length (7-bit, 16-bit or 64-bit length as RFC 6455 requires), masked or not
     * (a client must mask: an unmasked frame is a protocol error).
     */
    public byte[] frame(int firstByte, byte[] data, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(data.length + 14);
        f.write(firstByte);
        int m = masked ? 0x80 : 0;
        if (data.length < 126) {
            f.write(m | data.length);
        } else if (data.length < 65536) {
            f.write(m | 126);
            f.write(data.length >>> 8);
            f.write(data.length);
        } else {
            f.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) data.length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            random.nextBytes(mask);
            f.write(mask, 0, 4);
        }
        for (int i = 0; i < data.length; i++) {
            f.write(data[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /** Writes bytes as they are (a frame built by hand, a truncated header...). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a pong with the given payload (masked, FIN). */
    public void sendPong(byte[] payload) throws IOException {
        sendFrame(0x80 | PONG, payload);
    }

    /** Closes the TCP connection at once, with a reset (SO_LINGER 0), without a close frame: an abrupt disconnect. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Lets the socket's read wait this long for a frame. */
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Reads the next text or close frame; pings on the way are answered with a pong of the same payload (so the
     * heartbeat of the server keeps the socket), other frames are skipped.
     */
    public Frame readAnswering() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == PING) {
                sendPong(f.payload());
            } else if (f.opcode() == TEXT || f.opcode() == CLOSE) {
                return f;
            }
        }
    }

    /** Reads frames until a close frame arrives and returns it (null when the socket ends without one). */
    public Frame readCloseFrame() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == CLOSE) {
                    return f;
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return null;
        }
    }

    /** Reads the next frame (waits up to the socket timeout). */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads frames until a close frame arrives and returns its code (-1 when the socket ends without one). */
    public int readUntilClose() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
