package dev.mcpws.client;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;

/**
 * Fires {@link McpClientEvent}s through the application's CDI container, then tells the application's own listener.
 * The bean manager is looked up when the client is built (on an application thread), so events can be fired from the
 * client's threads. Loaded only when asked for: the client needs no CDI otherwise.
 */
final class CdiEvents implements McpClientListener {

    private final URI uri;
    private final McpClientListener next;
    private final BeanManager beans;

    CdiEvents(URI uri, McpClientListener next) {
        this.uri = uri;
        this.next = next;
        this.beans = CDI.current().getBeanManager();
    }

    private void fire(McpClientEvent e) {
        beans.getEvent().select(McpClientEvent.class).fire(e);
    }

    @Override
    public void disconnected(int closeCode, String reason, boolean willReconnect) {
        fire(new McpClientEvent(uri, McpClientEvent.Kind.DISCONNECTED, closeCode, reason, null, null));
        next.disconnected(closeCode, reason, willReconnect);
    }

    @Override
    public void reconnected(ServerDescription server) {
        fire(new McpClientEvent(uri, McpClientEvent.Kind.RECONNECTED, 0, null, server, null));
        next.reconnected(server);
    }

    @Override
    public void gaveUp(Throwable cause) {
        fire(new McpClientEvent(uri, McpClientEvent.Kind.GAVE_UP, 0, null, null, cause));
        next.gaveUp(cause);
    }

    @Override
    public void roundTrip(Duration rtt) {
        next.roundTrip(rtt);
    }

    @Override
    public void log(JsonObject params) {
        next.log(params);
    }

    @Override
    public void listChanged(String kind) {
        next.listChanged(kind);
    }

    @Override
    public void notification(String method, JsonObject params) {
        next.notification(method, params);
    }
}
