package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the server's notifications go: progress to the request's callback, log entries and list changes to the
 * {@link McpClientListener}, {@code resources/updated} to the subscription's callback, a listen's acknowledgement to
 * the listen; anything else to {@link McpClientListener#notification}.
 */
final class NotificationRouter {

    private final McpClientListener listener;
    private final Executor callbacks;
    private final RequestTable table;
    private final Subscriptions subscriptions;
    private final Runnable toolsChanged;

    NotificationRouter(McpClientListener listener, Executor callbacks, RequestTable table, Subscriptions subscriptions,
            Runnable toolsChanged) {
        this.listener = listener;
        this.callbacks = callbacks;
        this.table = table;
        this.subscriptions = subscriptions;
        this.toolsChanged = toolsChanged;
    }

    void route(JsonRpcNotification n) {
        JsonObject params = n.params();
        switch (n.method()) {
            case "notifications/progress":
                progress(params);
                break;
            case "notifications/message":
                listener.log(params);
                break;
            case "notifications/resources/updated": {
                String uri = Json2.stringOrNull(params, "uri");
                Consumer<String> c = subscriptions.onUpdated(uri);
                if (c != null) {
                    callbacks.execute(() -> c.accept(uri));
                }
                break;
            }
            case "notifications/tools/list_changed":
                toolsChanged.run();
                listener.listChanged("tools");
                break;
            case "notifications/resources/list_changed":
                listener.listChanged("resources");
                break;
            case "notifications/prompts/list_changed":
                listener.listChanged("prompts");
                break;
            case "notifications/subscriptions/acknowledged": {
                RequestId id = Json2.idOrNull(Json2.object(params, "_meta").get(EraProbe.META + "subscriptionId"));
                PendingRequest<?> p = table.inFlight(id);
                if (p != null) {
                    p.acknowledged.complete(null);
                }
                break;
            }
            case "notifications/cancelled":
                break; // the server withdrew a question; our answer will simply be ignored
            default:
                listener.notification(n.method(), params);
        }
    }

    private void progress(JsonObject params) {
        JsonValue token = params.get("progressToken");
        Consumer<ProgressUpdate> c = table.progress(token instanceof JsonString s ? s.getString() : String.valueOf(token));
        if (c != null) {
            c.accept(new ProgressUpdate(number(params, "progress"),
                    params.containsKey("total") ? number(params, "total") : null, Json2.stringOrNull(params, "message")));
        }
    }

    private static double number(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.doubleValue() : 0;
    }
}
