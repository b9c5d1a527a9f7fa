package dev.mcpws.testing;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.RequestChannel;
import dev.mcpws.protocol.JsonRpcMessage;
import java.security.Principal;

/**
 * A test connection shaped like a socket: it is also the channel of its requests, so answers, the messages of a
 * request and the messages of none all come out of {@link #send}, in order. Implement {@code id} and {@code send}.
 */
public interface OneOutputConnection extends McpConnection, RequestChannel {

    @Override
    default String transport() {
        return "test";
    }

    @Override
    default Principal principal() {
        return null;
    }

    @Override
    default void close(int code, String reason) {
        // the test closes
    }

    @Override
    default void respond(JsonRpcMessage response) {
        send(response);
    }

    @Override
    default void notify(JsonRpcMessage message) {
        send(message);
    }

    @Override
    default void skip() {
        // nothing to end
    }
}
