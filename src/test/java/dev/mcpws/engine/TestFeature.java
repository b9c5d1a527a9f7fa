package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A tiny feature for engine tests.
 * <ul>
 *   <li>{@code test/echo}: {@code {"echo": params without _meta}}</li>
 *   <li>{@code test/block}: waits for {@link #release} (or an interrupt), then reports what it saw in
 *       {@link #observations} and returns {@code {"blocked":"done"}} either way</li>
 *   <li>{@code test/fail}: throws a RuntimeException whose message must never reach the client</li>
 *   <li>{@code test/mcp}: throws an McpException with data; {@code test/mcpAsync}: a stage failed with one</li>
 *   <li>{@code test/async}: completes later on another thread</li>
 *   <li>{@code test/info}: what the RequestContext says about the request</li>
 *   <li>{@code test/custom}: returns its own resultType and _meta</li>
 *   <li>{@code test/progress}: reports progress 1, 0.5 (dropped: not increasing) and 2 of 2</li>
 * </ul>
 */
final class TestFeature implements ServerFeature {

    static final String SECRET = "jdbc password s3cr3t";

    /** What a {@code test/block} handler saw when it stopped waiting. */
    record Observation(String id, boolean interrupted, boolean cancelled, String reason) {
    }

    /** One permit per {@code test/block} that started waiting. */
    final Semaphore blockStarted = new Semaphore(0);
    final CountDownLatch release = new CountDownLatch(1);
    final BlockingQueue<Observation> observations = new LinkedBlockingQueue<>();

    /** Each handler as a method of both eras, without input, target or long life. */
    public static List<MethodSpec> specs(Map<String, MethodHandler> handlers) {
        return handlers.entrySet().stream().map(e -> MethodSpec.of(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<MethodSpec> methods() {
        return specs(Map.of(
                "test/echo", ctx -> done(Json.createObjectBuilder().add("echo", withoutMeta(ctx.params()))),
                "test/block", this::block,
                "test/fail", ctx -> {
                    throw new IllegalStateException(SECRET);
                },
                "test/mcp", ctx -> {
                    throw new McpException(ErrorCodes.INVALID_PARAMS, "Bad thing: " + ctx.params().getString("what", "?"),
                            Json.createObjectBuilder().add("field", "what").build());
                },
                "test/mcpAsync", ctx -> CompletableFuture.failedFuture(
                        new McpException(ErrorCodes.INVALID_PARAMS, "Async bad thing")),
                "test/async", ctx -> CompletableFuture.supplyAsync(
                        () -> Json.createObjectBuilder().add("async", true).build(),
                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)),
                "test/info", TestFeature::info,
                "test/custom", ctx -> done(Json.createObjectBuilder()
                        .add("resultType", "input_required")
                        .add("requestState", "state-1")
                        .add("_meta", Json.createObjectBuilder().add("x", "y"))),
                "test/progress", ctx -> {
                    ctx.progress().report(1);
                    ctx.progress().report(0.5);
                    ctx.progress().report(2, 2.0, "all done");
                    return done(Json.createObjectBuilder().add("progressRequested", ctx.progress().isRequested()));
                }));
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        capabilities.add("test", Json.createObjectBuilder().add("for", protocolVersion));
    }

    private CompletionStage<JsonObject> block(RequestContext ctx) {
        blockStarted.release();
        boolean interrupted = false;
        try {
            if (!release.await(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                observations.add(new Observation(ctx.id().toString(), false, ctx.cancellation().isCancelled(), "timeout"));
                return done(Json.createObjectBuilder().add("blocked", "timeout"));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        observations.add(new Observation(ctx.id().toString(), interrupted, ctx.cancellation().isCancelled(),
                ctx.cancellation().reason()));
        // a handler that ignores cancellation and returns normally: the engine must still send nothing
        return done(Json.createObjectBuilder().add("blocked", "done"));
    }

    private static CompletionStage<JsonObject> info(RequestContext ctx) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("era", ctx.era().name())
                .add("protocolVersion", ctx.protocolVersion())
                .add("clientCapabilities", ctx.clientCapabilities())
                .add("clientInfo", ctx.clientInfo())
                .add("method", ctx.method())
                .add("id", ctx.id().toString())
                .add("connectionId", ctx.connectionId())
                .add("current", RequestContext.current() == ctx);
        return done(b);
    }

    static JsonObject withoutMeta(JsonObject params) {
        JsonObjectBuilder b = Json.createObjectBuilder(params);
        b.remove("_meta");
        return b.build();
    }

    static CompletionStage<JsonObject> done(JsonObjectBuilder result) {
        return CompletableFuture.completedFuture(result.build());
    }

    /** A second feature: capabilities only, so tests can see the engine assemble both. */
    static class OtherFeature implements ServerFeature {
        @Override
        public List<MethodSpec> methods() {
            return List.of();
        }

        @Override
        public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
            capabilities.add("other", JsonValue.EMPTY_JSON_OBJECT);
        }
    }
}
