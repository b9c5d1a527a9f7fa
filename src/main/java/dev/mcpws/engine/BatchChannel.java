package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The channel of every request of a 2025-03-26 batch: collects their responses and answers the batch's own channel
 * with one array when the last request ended; messages that belong to a request pass straight through.
 */
final class BatchChannel implements RequestChannel {

    private final RequestChannel outer;
    private final List<JsonRpcMessage> responses;
    private int pending;

    BatchChannel(RequestChannel outer, int requests, List<JsonRpcResponse> immediate) {
        this.outer = outer;
        this.responses = new ArrayList<>(immediate);
        this.pending = requests;
        if (requests == 0) {
            flush();
        }
    }

    @Override
    public synchronized void respond(JsonRpcMessage response) {
        responses.add(response);
        done();
    }

    @Override
    public void notify(JsonRpcMessage message) {
        outer.notify(message);
    }

    @Override
    public void notifyDetached(JsonRpcMessage message) {
        outer.notifyDetached(message);
    }

    @Override
    public synchronized void skip() {
        done();
    }

    @Override
    public String declaredVersion() {
        return outer.declaredVersion();
    }

    private void done() {
        if (--pending == 0) {
            flush();
        }
    }

    private void flush() {
        if (responses.isEmpty()) {
            outer.skip();
        } else {
            outer.respond(new JsonRpcBatch(responses));
        }
    }
}
