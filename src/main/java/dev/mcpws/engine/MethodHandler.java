package dev.mcpws.engine;

import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * Serves one JSON-RPC method. Runs on a worker thread; may finish later through the returned stage.
 * Throw (or complete exceptionally with) {@link McpException} for a protocol error; anything else becomes -32603.
 */
@FunctionalInterface
public interface MethodHandler {

    CompletionStage<JsonObject> handle(RequestContext context) throws Exception;
}
