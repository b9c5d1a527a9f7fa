package dev.mcpws.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange on a plain socket, written as the test spells it: headers that {@code java.net.http} refuses
 * to set ({@code Host}, {@code Connection}, {@code Upgrade}) and bodies it would never send (a bad chunk size). The
 * request should carry {@code Connection: close} (an upgrade that is refused is closed by the server anyway); the
 * response is read until the server closes or, for a 101, up to the end of its headers.
 */
public final class RawHttp {

    public record Response(int status, String head, String body) {
        /** The value of one response header (case-insensitive name), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    public static Response exchange(String host, int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int headEnd = -1;
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                    String text = all.toString(StandardCharsets.ISO_8859_1);
                    headEnd = text.indexOf("\r\n\r\n");
                    if (headEnd > 0 && text.startsWith("HTTP/1.1 101")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                if (all.size() == 0) {
                    throw e;
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            // an interim response (100 Continue) precedes the final one: skip it
            while (text.startsWith("HTTP/1.1 1") && !text.startsWith("HTTP/1.1 101") && text.indexOf("\r\n\r\n") > 0) {
                text = text.substring(text.indexOf("\r\n\r\n") + 4);
            }
            headEnd = text.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? text : text.substring(0, headEnd);
            String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Response(status, head, body);
        }
    }

    /** A WebSocket upgrade of {@code path} with the given {@code Host} and extra header lines (each ending in CRLF). */
    public static String upgrade(String path, String hostHeader, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n";
    }

    /** A POST of {@code json} to {@code path} as a 2026-07-28 {@code server/discover}-style request. */
    public static String post(String path, String hostHeader, String extraHeaders, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n" + json;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
