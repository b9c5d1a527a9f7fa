package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which requests in flight when a connection drops may be sent again: a {@link ReplayPolicy} applied with the
 * tool annotations ({@code readOnlyHint}, {@code idempotentHint}...) learnt from the {@code tools/list} results seen.
 * The one copy of that logic, used by {@link McpClient} and by the stdio bridge. Thread-safe.
 */
public final class ReplayGuard {

    private final ReplayPolicy policy;
    private final Map<String, JsonObject> annotations = new ConcurrentHashMap<>();

    public ReplayGuard(ReplayPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Learns the annotations of the tools in one {@code tools/list} result (one page; earlier pages are kept). */
    public void learnTools(JsonObject toolsListResult) {
        JsonArray tools = Json2.arrayOrNull(toolsListResult, "tools");
        if (tools == null) {
            return;
        }
        for (JsonValue v : tools) {
            String name = v instanceof JsonObject t ? Json2.stringOrNull(t, "name") : null;
            if (name != null) {
                annotations.put(name, Json2.object((JsonObject) v, "annotations"));
            }
        }
    }

    /** Forgets what it knew and learns {@code tools}: the whole list, every page. */
    void replaceTools(Collection<ToolInfo> tools) {
        annotations.clear();
        for (ToolInfo t : tools) {
            if (t.name() != null) {
                annotations.put(t.name(), t.annotations());
            }
        }
    }

    /** True once a {@code tools/list} result named a tool. */
    boolean knowsTools() {
        return !annotations.isEmpty();
    }

    /** For {@code tools/call}, the called tool's annotations if learnt; otherwise empty. */
    public JsonObject toolAnnotations(String method, JsonObject params) {
        if (!"tools/call".equals(method)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        String name = params == null ? null : Json2.stringOrNull(params, "name");
        JsonObject a = name == null ? null : annotations.get(name);
        return a == null ? JsonValue.EMPTY_JSON_OBJECT : a;
    }

    /** True when the policy allows sending the request again after a drop (its outcome may be unknown). */
    public boolean mayReplay(String method, JsonObject params) {
        JsonObject p = params == null ? JsonValue.EMPTY_JSON_OBJECT : params;
        return policy.mayRepeat(method, p, toolAnnotations(method, p));
    }
}
