package dev.mcpws.transport.http;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.protocol.JsonRpcMessage;
import java.security.Principal;

/**
 * Who sent one stateless (2026-07-28) POST: its identity for the engine. Everything the request produces goes
 * through its {@link Exchange}; there is nowhere to send a message of no request.
 */
record StatelessRequest(String id, Principal principal, Exchange exchange) implements McpConnection {

    @Override
    public String transport() {
        return HttpTransport.NAME;
    }

    @Override
    public void send(JsonRpcMessage message) {
        // a stateless request has no stream besides its own response
    }

    @Override
    public void close(int code, String reason) {
        exchange.close(code == 1001 ? 503 : 404);
    }
}
