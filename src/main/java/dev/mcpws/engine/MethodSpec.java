package dev.mcpws.engine;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One JSON-RPC method a feature serves, described as data: the engine routes, checks eras, applies limits and names
 * the request's target from it, so adding a method means adding one of these and nothing outside the feature.
 *
 * @param name       the JSON-RPC method
 * @param eras       the eras the method exists in (a request of another era gets -32601)
 * @param longLived  the request stays in flight while idle (e.g. {@code subscriptions/listen}): no execution timeout,
 *                   not counted against {@code mcp.limits.max-in-flight} (the feature limits it itself)
 * @param takesInput the method may ask the client for input (elicitation, sampling, roots; MRTR in 2026-07-28)
 * @param target     the param that names what the request acts on, or null
 * @param handler    serves the method
 * @param inline     which requests of the method are short and non-blocking: those run on the thread that read them,
 *                   without the hop to the worker pool ({@link Inline#NEVER} by default)
 */
public record MethodSpec(String name, Set<Era> eras, boolean longLived, boolean takesInput, Target target,
                         MethodHandler handler, Inline inline) {

    /**
     * Which requests of a method are known to be short and non-blocking (in-memory work, no application code that may
     * wait): the engine runs those on the thread that read them (the container's WebSocket read thread, the servlet
     * thread of a POST) instead of handing them to the worker pool. One that runs longer than
     * {@code mcp.dispatch.inline-budget-ms} is {@linkplain #demote demoted}: its requests hop from then on.
     */
    public interface Inline {

        /** Never inline: every request runs on the worker pool. */
        Inline NEVER = params -> false;

        /** True when the request with these params may run on the thread that read it. */
        boolean test(JsonObject params);

        /**
         * A request this said yes to ran past the inline budget: say no from now on (to what it named: the method,
         * or e.g. the tool of a {@code tools/call}). Returns what was demoted, for the log, or null when nothing was
         * (already demoted).
         */
        default String demote(JsonObject params) {
            return null;
        }

        /** Inline until demoted: for methods of the server's own that only read memory (lists, ping, discover). */
        static Inline always(String name) {
            return new Inline() {
                private volatile boolean on = true;

                @Override
                public boolean test(JsonObject params) {
                    return on;
                }

                @Override
                public String demote(JsonObject params) {
                    if (!on) {
                        return null; // demoted already
                    }
                    on = false;
                    return name;
                }
            };
        }
    }

    /** The param that names a request's target, and whether its values are a small, fixed set. */
    public enum Target {
        /** {@code params.name}: a tool name (bounded: safe as a metric tag and a span name). */
        TOOL("name", true),
        /** {@code params.name}: a prompt name (bounded). */
        PROMPT("name", true),
        /** {@code params.uri}: a resource URI (unbounded: traces and headers only, never a metric tag). */
        URI("uri", false),
        /** {@code params.taskId}: a task id (unbounded and secret-like: never a metric tag). */
        TASK("taskId", false);

        private final String param;
        private final boolean bounded;

        Target(String param, boolean bounded) {
            this.param = param;
            this.bounded = bounded;
        }

        public String param() {
            return param;
        }

        public boolean bounded() {
            return bounded;
        }
    }

    /** A method that runs every request on the worker pool. */
    public MethodSpec(String name, Set<Era> eras, boolean longLived, boolean takesInput, Target target,
                      MethodHandler handler) {
        this(name, eras, longLived, takesInput, target, handler, Inline.NEVER);
    }

    public MethodSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(inline, "inline");
        eras = Set.copyOf(eras);
        if (eras.isEmpty()) {
            throw new IllegalArgumentException(name + " must exist in at least one era");
        }
    }

    /** A method of both eras, short-lived, without input or target. */
    public static MethodSpec of(String name, MethodHandler handler) {
        return new MethodSpec(name, EnumSet.allOf(Era.class), false, false, null, handler);
    }

    /** The same method, existing only in {@code era}. */
    public MethodSpec only(Era era) {
        return new MethodSpec(name, EnumSet.of(era), longLived, takesInput, target, handler, inline);
    }

    /** The same method, long-lived. */
    public MethodSpec asLongLived() {
        return new MethodSpec(name, eras, true, takesInput, target, handler, Inline.NEVER);
    }

    /** The same method, allowed to ask the client for input. */
    public MethodSpec takingInput() {
        return new MethodSpec(name, eras, longLived, true, target, handler, inline);
    }

    /** The same method, acting on the target named by {@code target}. */
    public MethodSpec target(Target target) {
        return new MethodSpec(name, eras, longLived, takesInput, target, handler, inline);
    }

    /**
     * The same method, its requests short and non-blocking (in-memory work of the server's own, no application code):
     * they run on the thread that read them. A long-lived method never runs inline.
     */
    public MethodSpec nonBlocking() {
        return inline(Inline.always(name));
    }

    /** The same method, running inline the requests {@code inline} says yes to (e.g. calls of non-blocking tools). */
    public MethodSpec inline(Inline inline) {
        return new MethodSpec(name, eras, longLived, takesInput, target, handler, inline);
    }

    public boolean existsIn(Era era) {
        return eras.contains(era);
    }

    /** The target a request names ({@code params.name} / {@code params.uri}), or null. */
    public String targetOf(JsonObject params) {
        return target != null && params.get(target.param()) instanceof JsonString s ? s.getString() : null;
    }
}
