package dev.mcpws.protocol;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes JSON text with every lone UTF-16 surrogate as its {@code \}{@code uXXXX} escape. JSON-P writes string
 * characters as they are, and a lone surrogate has no UTF-8 form: the WebSocket container and the servlet writer turn
 * it into {@code ?}. Escaped, a string such as {@code "\}{@code ud800"} that a client sent comes back exactly. Outside
 * strings JSON text is ASCII, so every surrogate this sees is inside a string, where the escape is valid. Pairs pass
 * unchanged, also when a pair is split across two writes.
 */
final class LoneSurrogateEscaper extends Writer {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private char pendingHigh;

    LoneSurrogateEscaper(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int end = off + len;
        int start = off; // the start of a run written unchanged
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (!Character.isSurrogate(c)) {
                if (pendingHigh != 0) {
                    escape(pendingHigh);
                    pendingHigh = 0;
                }
                continue;
            }
            out.write(buf, start, i - start);
            start = i + 1;
            if (Character.isHighSurrogate(c)) {
                if (pendingHigh != 0) {
                    escape(pendingHigh);
                }
                pendingHigh = c;
            } else if (pendingHigh != 0) {
                out.write(pendingHigh);
                out.write(c);
                pendingHigh = 0;
            } else {
                escape(c);
            }
        }
        out.write(buf, start, end - start); // a high surrogate at the end waits for the next write's first char
    }

    private void escape(char c) throws IOException {
        out.write(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]});
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            escape(pendingHigh);
            pendingHigh = 0;
        }
        out.close();
    }
}
