package dev.mcpws.client;

import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * Answers a question the server asks the client: elicitation ({@code elicitation/create}) or sampling
 * ({@code sampling/createMessage}). It gets the request's params and returns the result object as the spec defines it
 * (e.g. {@code {"action":"accept","content":{...}}}). The same handler serves both eras: legacy server-to-client
 * requests and 2026-07-28 {@code input_required} rounds. It runs on the client's callback executor and may block.
 */
@FunctionalInterface
public interface ClientRequestHandler {

    CompletionStage<JsonObject> handle(JsonObject params);
}
