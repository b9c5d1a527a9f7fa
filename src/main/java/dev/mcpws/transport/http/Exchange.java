package dev.mcpws.transport.http;

import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of one HTTP request. A POST that carries a JSON-RPC request waits for its response: when the response
 * comes first it is sent as one {@code application/json} body; when a notification of the request (progress, a log
 * message) comes first and the client accepts SSE, the body becomes a {@code text/event-stream} that carries the
 * notifications and ends with the response. A standalone stream (legacy {@code GET}) is SSE from the start and only
 * ends when the client or the session goes away. Thread-safe; any thread may deliver.
 */
final class Exchange {

    /** Where the bytes go (the servlet response, or a test double). */
    interface Output {
        /** Sends the status and headers; for SSE also flushes them. */
        void begin(int status, String contentType, Map<String, String> headers) throws IOException;

        /** Writes and flushes. */
        void write(String text) throws IOException;

        /** Completes the response (idempotent, never throws). */
        void end();
    }

    private enum State { PENDING, STREAMING, DONE }

    static final String JSON = "application/json";
    static final String SSE = "text/event-stream";

    private final Output out;
    private final boolean sseAllowed;
    private final boolean modern;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private State state = State.PENDING;
    private Runnable onAbort = () -> { };
    private final java.util.List<Runnable> onDone = new java.util.ArrayList<>(2);
    private java.util.function.Consumer<JsonRpcResponse> beforeResponse = r -> { };

    private Exchange(Output out, boolean sseAllowed, boolean modern) {
        this.out = out;
        this.sseAllowed = sseAllowed;
        this.modern = modern;
    }

    /** The exchange of a POST that waits for one response (or the response array of a batch). */
    static Exchange forRequest(Output out, boolean sseAllowed, boolean modern) {
        return new Exchange(out, sseAllowed, modern);
    }

    /** A standalone SSE stream: opened at once, ended only by {@link #close} or the client. */
    static Exchange stream(Output out) throws IOException {
        Exchange e = new Exchange(out, true, false);
        e.startStream();
        return e;
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

    /** Sees the final response before it is written (may still change headers). */
    synchronized Exchange beforeResponse(java.util.function.Consumer<JsonRpcResponse> c) {
        this.beforeResponse = c;
        return this;
    }

    synchronized boolean isDone() {
        return state == State.DONE;
    }

    /** True when messages can still go on this exchange's body (SSE already open, or the client accepts SSE). */
    synchronized boolean canStream() {
        return state == State.STREAMING || (state == State.PENDING && sseAllowed);
    }

    synchronized boolean isStreaming() {
        return state == State.STREAMING;
    }

    /** A notification (or server request) that belongs to this exchange. Dropped when SSE is not possible. */
    synchronized void notify(JsonRpcMessage message) {
        if (state == State.DONE) {
            return;
        }
        try {
            if (state == State.PENDING) {
                if (!sseAllowed) {
                    return; // a JSON-only client cannot receive it
                }
                startStream();
            }
            out.write(event(message));
        } catch (IOException e) {
            abort();
        }
    }

    /** The final response: ends the exchange. */
    synchronized void respond(JsonRpcMessage response) {
        if (state == State.DONE) {
            return;
        }
        if (response instanceof JsonRpcResponse r) {
            beforeResponse.accept(r);
        }
        try {
            if (state == State.PENDING) {
                String body = JsonRpcCodec.encode(response);
                out.begin(HttpRules.status(response, modern), JSON, headers);
                out.write(body);
            } else {
                out.write(event(response));
            }
        } catch (IOException e) {
            // the client is gone; the response is lost, nothing to cancel any more
        }
        finish();
    }

    /** The request ended without a response (cancelled): an open stream just ends, a waiting POST gets 202. */
    synchronized void skipped() {
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

    /** One SSE event carrying one JSON-RPC message. */
    static String event(JsonRpcMessage message) {
        return "event: message\ndata: " + JsonRpcCodec.encode(message) + "\n\n";
    }

    /** True for the message that ends a request's exchange. */
    static boolean isFinal(JsonRpcMessage m) {
        return m instanceof JsonRpcResponse || m instanceof JsonRpcBatch;
    }

    static boolean isNotification(JsonRpcMessage m) {
        return m instanceof JsonRpcNotification;
    }
}
