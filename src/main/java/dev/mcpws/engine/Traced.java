package dev.mcpws.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's {@link RequestTrace} as the engine holds it: what it learns on the way (version, session) and an end
 * that happens once, whichever path ends the request first (answer, error, timeout, cancel).
 */
final class Traced {

    static final Traced NONE = new Traced(RequestTrace.NONE);

    private final RequestTrace trace;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String protocolVersion;
    private volatile String sessionId;

    private Traced(RequestTrace trace) {
        this.trace = trace;
    }

    static Traced of(RequestTrace trace) {
        return trace == null || trace == RequestTrace.NONE ? NONE : new Traced(trace);
    }

    /** The version the request is served in and, for a request of a legacy session, that session's id. */
    void served(String version, String session) {
        if (this != NONE) {
            this.protocolVersion = version;
            this.sessionId = session;
        }
    }

    RequestTrace.Scope enter() {
        return trace.enter();
    }

    void end(String outcome, Integer errorCode, String errorMessage) {
        if (this != NONE && ended.compareAndSet(false, true)) {
            trace.end(new RequestTracer.End(protocolVersion, sessionId, outcome, errorCode, errorMessage));
        }
    }
}
