package dev.mcpws.client.bridge;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the host set up in its legacy session, which the bridge replays on a new socket so the session goes on: its
 * {@code initialize}, whether it sent {@code notifications/initialized}, its last {@code logging/setLevel} and the
 * resources it subscribed to. Not thread-safe: guarded by the bridge's lock.
 */
final class HostSession {

    private JsonRpcRequest initialize;
    private boolean initialized;
    private JsonRpcRequest logLevel;
    private final Set<String> subscribed = new LinkedHashSet<>();

    /** Notes a message of the host. */
    void remember(JsonRpcMessage m) {
        if (m instanceof JsonRpcRequest r) {
            switch (r.method()) {
                case "initialize":
                    initialize = r;
                    initialized = false;
                    break;
                case "logging/setLevel":
                    logLevel = r;
                    break;
                case "resources/subscribe":
                    subscribed.add(Json2.stringOrNull(r.params(), "uri"));
                    break;
                case "resources/unsubscribe":
                    subscribed.remove(Json2.stringOrNull(r.params(), "uri"));
                    break;
                default:
                    break;
            }
        } else if (m instanceof JsonRpcNotification n && "notifications/initialized".equals(n.method())) {
            initialized = true;
        }
    }

    /** The host's initialize, or null before it sent one. */
    JsonRpcRequest initialize() {
        return initialize;
    }

    /** True when the host completed its handshake with {@code notifications/initialized}. */
    boolean initialized() {
        return initialized;
    }

    /** What follows the replayed initialize: the last setLevel, then a subscribe per URI, with the bridge's own ids. */
    List<JsonRpcRequest> afterInitialize(Supplier<RequestId> ids) {
        List<JsonRpcRequest> replay = new ArrayList<>();
        if (logLevel != null) {
            replay.add(new JsonRpcRequest(ids.get(), logLevel.method(), logLevel.params()));
        }
        for (String uri : subscribed) {
            replay.add(new JsonRpcRequest(ids.get(), "resources/subscribe", Json2.object().add("uri", uri).build()));
        }
        return replay;
    }
}
