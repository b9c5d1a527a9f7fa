package dev.mcpws.engine;

import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;

/**
 * Follows each request from its arrival to its end, for tracing. The engine knows nothing of the tracing system
 * behind it: it reports what it knows about the request ({@link Arrival}, {@link End}) and lets the tracer make its
 * trace current on the worker thread that runs the method, so that whatever the application traces there belongs to
 * it. Implementations must be quick, thread-safe and must not throw.
 */
public interface RequestTracer {

    /** Traces nothing; the engine then builds no {@link Arrival} either. */
    RequestTracer NONE = arrival -> RequestTrace.NONE;

    /** False when this tracer would trace nothing (e.g. its SDK is disabled): the engine then does not call it. */
    default boolean enabled() {
        return true;
    }

    /**
     * A request arrived. Called on the thread that received it, before any check, once per request.
     *
     * @return its trace, never null
     */
    RequestTrace start(Arrival arrival);

    /**
     * What is known about a request when it arrives.
     *
     * @param method     the JSON-RPC method
     * @param id         the request id
     * @param targetKind what kind of thing the method acts on, or null (unknown method, or one without target)
     * @param target     the name or URI of that thing from the params, or null
     * @param transport  {@code websocket} or {@code http}
     * @param meta       the request's {@code params._meta} (e.g. W3C {@code traceparent}); empty when absent
     */
    record Arrival(String method, RequestId id, MethodSpec.Target targetKind, String target, String transport,
                   JsonObject meta) {
    }

    /**
     * How a request ended.
     *
     * @param protocolVersion the MCP version it was served in, or null when it was refused before one was known
     * @param sessionId       the id of the connection's legacy session (its handshake) when the request belonged to
     *                        one, else null (2026-07-28 requests are stateless)
     * @param outcome         as {@link EngineListener#requestEnded}: {@code ok}, {@code tool_error},
     *                        {@code input_required}, {@code error_<code>}, {@code cancelled}, {@code timeout}
     * @param errorCode       the JSON-RPC error code of the answer, or null when it was no error
     * @param errorMessage    the JSON-RPC error message (or the tool error's text), or null
     */
    record End(String protocolVersion, String sessionId, String outcome, Integer errorCode, String errorMessage) {
    }
}
