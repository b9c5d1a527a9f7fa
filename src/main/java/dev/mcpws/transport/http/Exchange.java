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

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Exchange.class.getName());

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
    /** Written under this lock; read without it only by {@link #notifyDetached} (a state it sees may be stale). */
    private volatile State state = State.PENDING;
    /** Runs {@link #writeLater} (the transport's write threads); inline by default (tests). */
    private volatile java.util.concurrent.Executor writer = Runnable::run;
    /** SSE text waiting for a write thread ({@link #notifyDetached}, {@link #keepAlive}); guarded by {@code later}. */
    private final java.util.ArrayDeque<Waiting> later = new java.util.ArrayDeque<>();
    private long laterBytes;
    /** A write thread has been asked to write {@link #later} (at most one at a time); guarded by {@code later}. */
    private boolean handedOff;
    /** Too much waited: the stream is being ended, nothing more is queued; guarded by {@code later}. */
    private boolean gaveUp;

    /** SSE text and its UTF-8 length (counted once). */
    private record Waiting(String text, int bytes) {
    }
    /** Bytes (UTF-8) that may wait for a client that does not read before its stream is ended. */
    static final long MAX_LATER_BYTES = 4L << 20;
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

    /** Where {@link #notifyDetached} writes run (the transport's write threads). */
    synchronized Exchange writer(java.util.concurrent.Executor writer) {
        this.writer = writer;
        return this;
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

    /**
     * A message of a listen sent by the thread that changed something (it fans the change out to many clients), or a
     * message of no request on a legacy session's stream: queued, and written by a write thread, so that thread never
     * waits for this client. A client that lets more than {@link #MAX_LATER_BYTES} wait loses its stream (it does not
     * read; its listen ends as if it went away). What this body cannot carry goes where {@link #notify} sends it.
     */
    @Override
    public void notifyDetached(JsonRpcMessage message) {
        State now = state;
        if (now == State.DONE || (now == State.PENDING && !sseAllowed)) {
            notify(message); // to the session's stream, or dropped: no write on this body
            return;
        }
        later(event(message));
    }

    /** Queues SSE text for a write thread (see {@link #notifyDetached}). */
    private void later(String text) {
        int bytes = Utf8.length(text);
        boolean start;
        long waiting = 0;
        synchronized (later) {
            if (gaveUp) {
                return; // the stream is being ended: nothing more waits for it
            }
            if (laterBytes + bytes > MAX_LATER_BYTES && !later.isEmpty()) {
                waiting = laterBytes + bytes;
                later.clear();
                laterBytes = 0;
                gaveUp = true;
                start = false;
            } else {
                later.add(new Waiting(text, bytes));
                laterBytes += bytes;
                start = !handedOff;
                handedOff = true;
            }
        }
        if (waiting > 0) {
            dev.mcpws.diagnostics.Messages.SSE_QUEUE_TOO_LARGE.log(LOG, null, waiting);
            // not on this thread: the abort waits for the write in progress (once: later messages are dropped above,
            // so a client that does not read holds at most this one write thread besides its blocked writer)
            writer.execute(this::abort);
        } else if (start) {
            writer.execute(this::writeLater);
        }
    }

    /**
     * The next text waiting, or null. {@code release}: when none waits, the write thread that asks lets go of the
     * queue (the next {@link #later} hands it to a write thread again).
     */
    private String nextLater(boolean release) {
        synchronized (later) {
            Waiting w = later.poll();
            if (w == null) {
                if (release) {
                    handedOff = false;
                }
                return null;
            }
            laterBytes -= w.bytes();
            return w.text();
        }
    }

    /** On a write thread: writes what {@link #later} holds, in order, until it is empty. */
    private void writeLater() {
        for (String text = nextLater(true); text != null; text = nextLater(true)) {
            boolean failed = false;
            synchronized (this) {
                if (state == State.DONE) {
                    continue; // ended meanwhile: the rest is dropped as it is taken
                }
                try {
                    if (state == State.PENDING) {
                        startStream();
                    }
                    out.write(text);
                } catch (IOException e) {
                    failed = true;
                }
            }
            if (failed) {
                abort();
            }
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
            boolean waiting;
            synchronized (later) {
                waiting = !later.isEmpty();
            }
            if (waiting && state == State.PENDING && sseAllowed) {
                startStream();
            }
            if (state == State.STREAMING) {
                writeWaiting(); // what a write thread has not written yet comes before the response
            }
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

    /** Writes, on this thread, what waits for a write thread (under this lock, before the response). */
    private void writeWaiting() throws IOException {
        for (String text = nextLater(false); text != null; text = nextLater(false)) {
            out.write(text);
        }
    }

    /**
     * A keep-alive comment on an open stream (detects a client that went away), written by a write thread so the
     * housekeeping never waits for a client; none while writes wait or are under way (they show the same).
     */
    void keepAlive() {
        if (state != State.STREAMING) {
            return;
        }
        synchronized (later) {
            if (handedOff) {
                return;
            }
        }
        later(":\n\n");
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
