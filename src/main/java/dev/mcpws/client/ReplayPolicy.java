package dev.mcpws.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Which requests in flight when a connection drops are sent again (with new ids) after the reconnect. The others fail
 * with {@link ConnectionLostException}: their outcome is unknown. Requests not yet sent are always sent later.
 */
@FunctionalInterface
public interface ReplayPolicy {

    /** Methods that only read, or whose repetition changes nothing. */
    Set<String> SAFE_METHODS = Set.of("ping", "server/discover", "tools/list", "resources/list",
            "resources/templates/list", "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/list",
            "prompts/get", "completion/complete", "logging/setLevel", "subscriptions/listen",
            // task reads, and a cancel (an ack, repeated harmlessly): a task outlives the connection it started on
            "tasks/get", "tasks/result", "tasks/list", "tasks/cancel");

    /**
     * The default: {@link #SAFE_METHODS}, plus {@code tools/call} of tools annotated {@code readOnlyHint} or
     * {@code idempotentHint} (as far as the client has seen them in {@code tools/list}).
     */
    ReplayPolicy SAFE = (method, params, toolAnnotations) -> SAFE_METHODS.contains(method)
            || ("tools/call".equals(method) && (toolAnnotations.get("readOnlyHint") == JsonValue.TRUE
                    || toolAnnotations.get("idempotentHint") == JsonValue.TRUE));

    /** Never repeat a sent request. */
    ReplayPolicy NEVER = (method, params, toolAnnotations) -> false;

    /**
     * @param method          the request's method
     * @param params          its params
     * @param toolAnnotations for {@code tools/call}, the called tool's annotations if known; otherwise empty
     */
    boolean mayRepeat(String method, JsonObject params, JsonObject toolAnnotations);
}
