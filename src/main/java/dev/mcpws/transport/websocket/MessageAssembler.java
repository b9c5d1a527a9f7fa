package dev.mcpws.transport.websocket;

import dev.mcpws.transport.Utf8;

/**
 * Reassembles one socket's text message from the parts the container hands over (one per frame, or more) and keeps
 * its running size: once it passes {@code mcp.limits.max-message-bytes} the message is refused at once, not when its
 * last fragment arrives (so a peer cannot make the server buffer an endless fragmented message). One per socket; the
 * container delivers a socket's parts one at a time.
 */
final class MessageAssembler {

    private final int maxBytes;
    private StringBuilder pending;
    private long bytes;
    private int lastBytes;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a part. Returns the whole message when {@code last} and within the limit, else null (more to come, or
     * {@link #overLimit()}: the running total passed the limit; nothing is kept).
     */
    String add(String part, boolean last) {
        bytes += Utf8.length(part);
        if (bytes > maxBytes) {
            pending = null;
            return null;
        }
        if (!last) {
            if (pending == null) {
                pending = new StringBuilder(part.length() * 2 + 16);
            }
            pending.append(part);
            return null;
        }
        String message = pending == null ? part : pending.append(part).toString();
        pending = null;
        lastBytes = (int) bytes;
        bytes = 0;
        return message;
    }

    /** True once the message being assembled passed the limit (the socket is to be closed with 1009). */
    boolean overLimit() {
        return bytes > maxBytes;
    }

    /** UTF-8 bytes of the last whole message returned. */
    int lastBytes() {
        return lastBytes;
    }

    int maxBytes() {
        return maxBytes;
    }
}
