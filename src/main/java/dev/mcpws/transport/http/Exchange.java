package dev.mcpws.transport.http;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.RequestChannel;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.Utf8;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of one HTTP request. A POST that carries a JSON-RPC request waits for its response: when the response
 * comes first it is sent as one {@code application/json} body; when a notification of the request (progress, a log
 * message) comes first and the client accepts SSE, the body becomes a {@code text/event-stream} that carries the
 * notifications and ends with the response. A standalone stream (legacy {@code GET}) is SSE from the start and only
 * ends when the client or the session goes away. It is the {@link RequestChannel} of the POST's request(s): a server
 * request that cannot go on this body (the client accepts only JSON) goes to the session's standalone stream.
 * Thread-safe; any thread may deliver.
 */
final class Exchange implements RequestChannel {

    /** Where the bytes go (the servlet response, or a test double). */
    interface Output {
        /** Sends the status and headers; for SSE also flushes them. */
        void begin(int status, String contentType, Map<String, String> headers) throws IOException;

        /** Writes and flushes. */
        void write(String text) throws IOException;

        /** Completes the response (idempotent, never throws). */
        void end();

        /**
         * A whole response with its body, written once {@link #end} comes: by default {@link #begin} and
         * {@link #write}. The servlet's sends a {@code Content-Length} and no flush, so status, headers and body leave
         * in one write (a flushed body and then the end of a chunked body were two small writes, and the second waited
         * for the client's delayed ACK: about 40 ms per POST on Linux loopback).
         */
        default void whole(int status, String contentType, Map<String, String> headers, String body) throws IOException {
            begin(status, contentType, headers);
            write(body);
        }
    }

    private enum State { PENDING, STREAMING, DONE }

    static final String JSON = "application/json";
    static final String SSE = "text/event-stream";

    private final Output out;
    private final boolean sseAllowed;
    private final boolean modern;
    private final String declaredVersion;
    private final TransportListener listener;
    private McpConnection fallback;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private State state = State.PENDING;
    private Runnable onAbort = () -> { };
    private final java.util.List<Runnable> onDone = new java.util.ArrayList<>(2);
    private java.util.function.Consumer<JsonRpcResponse> beforeResponse = r -> { };

    private Exchange(Output out, boolean sseAllowed, boolean modern, String declaredVersion, TransportListener listener) {
        this.out = out;
        this.sseAllowed = sseAllowed;
        this.modern = modern;
        this.declaredVersion = declaredVersion;
        this.listener = listener;
    }

    /**
     * The exchange of a POST that waits for one response (or the response array of a batch).
     *
     * @param declaredVersion the request's {@code MCP-Protocol-Version} header, or null
     */
    static Exchange forRequest(Output out, boolean sseAllowed, boolean modern, String declaredVersion,
                               TransportListener listener) {
        return new Exchange(out, sseAllowed, modern, declaredVersion, listener);
    }

    /** A standalone SSE stream: opened at once, ended only by {@link #close} or the client. */
    static Exchange stream(Output out, TransportListener listener) throws IOException {
        Exchange e = new Exchange(out, true, false, null, listener);
        e.startStream();
        return e;
    }

    /** Where a server request goes that cannot go on this body: the legacy session (its standalone stream). */
    synchronized Exchange fallback(McpConnection session) {
        this.fallback = session;
        return this;
    }

    @Override
    public String declaredVersion() {
        return declaredVersion;
    }

    /** A header sent with the response (e.g. {@code Mcp-Session-Id}); only before anything was written. */
    synchronized Exchange header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    synchronized void removeHeader(String name) {
        headers.remove(name);
    }

    /** Runs when the client went away before the response (the request is then cancelled). */
    synchronized Exchange onAbort(Runnable r) {
        this.onAbort = r;
        return this;
    }

    /** Runs {@code r} once when the exchange ended, whichever way (at once if it already has). */
    Exchange onDone(Runnable r) {
        synchronized (this) {
            if (state != State.DONE) {
                onDone.add(r);
                return this;
            }
        }
        r.run();
        return this;
    }

    /** Sees the final response before it is written (may still change headers); after those added before. */
    synchronized Exchange beforeResponse(java.util.function.Consumer<JsonRpcResponse> c) {
        this.beforeResponse = this.beforeResponse.andThen(c);
        return this;
    }

    synchronized boolean isDone() {
        return state == State.DONE;
    }

    /**
     * A notification (or server request) that belongs to this exchange. When this body cannot carry it (a JSON-only
     * client, or the exchange already ended), a server request or the cancellation of one goes to the session's
     * standalone stream (the only way left to reach the client); any other notification is dropped.
     */
    @Override
    public void notify(JsonRpcMessage message) {
        McpConnection elsewhere;
        synchronized (this) {
            if (state == State.STREAMING || (state == State.PENDING && sseAllowed)) {
                try {
                    if (state == State.PENDING) {
                        startStream();
                    }
                    out.write(event(message));
                } catch (IOException e) {
                    abort();
                }
                return;
            }
            // what the client must act on (a server request, or the withdrawal of one) goes to the session's stream
            // when this body cannot carry it (a JSON-only client, or the POST already ended, e.g. cancelled)
            elsewhere = message instanceof JsonRpcRequest || (message instanceof JsonRpcNotification n
                    && "notifications/cancelled".equals(n.method())) ? fallback : null;
        }
        if (elsewhere != null) {
            elsewhere.send(message);
        }
    }

    /** The final response: ends the exchange. */
    @Override
    public synchronized void respond(JsonRpcMessage response) {
        if (state == State.DONE) {
            return;
        }
        if (response instanceof JsonRpcResponse r) {
            beforeResponse.accept(r);
        }
        try {
            if (state == State.PENDING) {
                String body = JsonRpcCodec.encode(response);
                listener.sent(HttpTransport.NAME, Utf8.length(body));
                out.whole(HttpRules.status(response, modern), JSON, headers, body);
            } else {
                out.write(event(response));
            }
        } catch (IOException e) {
            // the client is gone; the response is lost, nothing to cancel any more
        }
        finish();
    }

    /** The request ended without a response (cancelled): an open stream just ends, a waiting POST gets 202. */
    @Override
    public synchronized void skip() {
        if (state == State.DONE) {
            return;
        }
        if (state == State.PENDING) {
            try {
                out.begin(202, null, headers);
            } catch (IOException e) {
                // gone anyway
            }
        }
        finish();
    }

    /** A keep-alive comment on an open stream; detects a client that went away. */
    synchronized void keepAlive() {
        if (state != State.STREAMING) {
            return;
        }
        try {
            out.write(":\n\n");
        } catch (IOException e) {
            abort();
        }
    }

    /** The client went away (write failure, async error): end and cancel. */
    void abort() {
        Runnable r;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            r = onAbort;
            finish();
        }
        r.run();
    }

    /** The server ends the exchange (session closed, shutdown). A waiting POST gets {@code status} without a body. */
    synchronized void close(int status) {
        if (state == State.DONE) {
            return;
        }
        if (state == State.PENDING) {
            try {
                out.begin(status, null, headers);
            } catch (IOException e) {
                // gone anyway
            }
        }
        finish();
    }

    private void startStream() throws IOException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Cache-Control", "no-cache");
        h.put("X-Accel-Buffering", "no");
        out.begin(200, SSE, h);
        state = State.STREAMING;
    }

    private void finish() {
        state = State.DONE;
        out.end();
        for (Runnable r : onDone) {
            try {
                r.run();
            } catch (RuntimeException e) {
                dev.mcpws.diagnostics.Messages.EXCHANGE_HOOK_FAILED.log(java.util.logging.Logger.getLogger(Exchange.class.getName()), e);
            }
        }
        onDone.clear();
    }

    /** One SSE event carrying one JSON-RPC message (counted as sent). */
    private String event(JsonRpcMessage message) {
        String json = JsonRpcCodec.encode(message);
        listener.sent(HttpTransport.NAME, Utf8.length(json));
        return "event: message\ndata: " + json + "\n\n";
    }
}
