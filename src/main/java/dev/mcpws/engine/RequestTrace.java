package dev.mcpws.engine;

/** The trace of one request (see {@link RequestTracer}). */
public interface RequestTrace {

    RequestTrace NONE = new RequestTrace() {
    };

    /**
     * Makes this trace current on the calling thread (the worker that runs the method) until the returned scope is
     * closed, on the same thread.
     */
    default Scope enter() {
        return Scope.NONE;
    }

    /** The request ended; called exactly once, on whatever thread ended it. */
    default void end(RequestTracer.End end) {
    }

    /** What {@link #enter} opened. */
    interface Scope extends AutoCloseable {

        Scope NONE = () -> { };

        @Override
        void close();
    }
}
