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
 */
public record MethodSpec(String name, Set<Era> eras, boolean longLived, boolean takesInput, Target target,
                         MethodHandler handler) {

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

    public MethodSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
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
        return new MethodSpec(name, EnumSet.of(era), longLived, takesInput, target, handler);
    }

    /** The same method, long-lived. */
    public MethodSpec asLongLived() {
        return new MethodSpec(name, eras, true, takesInput, target, handler);
    }

    /** The same method, allowed to ask the client for input. */
    public MethodSpec takingInput() {
        return new MethodSpec(name, eras, longLived, true, target, handler);
    }

    /** The same method, acting on the target named by {@code target}. */
    public MethodSpec target(Target target) {
        return new MethodSpec(name, eras, longLived, takesInput, target, handler);
    }

    public boolean existsIn(Era era) {
        return eras.contains(era);
    }

    /** The target a request names ({@code params.name} / {@code params.uri}), or null. */
    public String targetOf(JsonObject params) {
        return target != null && params.get(target.param()) instanceof JsonString s ? s.getString() : null;
    }
}
