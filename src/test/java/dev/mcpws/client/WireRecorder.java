package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A socket for unit tests: records what is sent while "open"; refuses (returns false) while closed. */
final class WireRecorder implements RequestTable.Sink {

    final BlockingQueue<JsonRpcMessage> sent = new LinkedBlockingQueue<>();
    volatile boolean open = true;

    @Override
    public boolean send(JsonRpcMessage message) {
        if (!open) {
            return false;
        }
        sent.add(message);
        return true;
    }

    JsonRpcMessage next() throws InterruptedException {
        JsonRpcMessage m = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(m, "nothing was sent");
        return m;
    }

    JsonRpcRequest nextRequest() throws InterruptedException {
        return (JsonRpcRequest) next();
    }

    JsonRpcNotification nextNotification() throws InterruptedException {
        return (JsonRpcNotification) next();
    }
}
