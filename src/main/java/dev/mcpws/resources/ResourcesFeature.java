package dev.mcpws.resources;

import dev.mcpws.api.ResourceNotFoundException;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.MethodSpec;
import java.util.List;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.features.Guard;
import dev.mcpws.features.Outcomes;
import dev.mcpws.features.Paging;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.schema.InvalidValueException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.concurrent.CompletionStage;

/** {@code resources/list}, {@code resources/templates/list} and {@code resources/read}. */
public final class ResourcesFeature implements ServerFeature {

    private final ResourceRegistry registry;
    private final int pageSize;
    private final Guard guard;

    public ResourcesFeature(ResourceRegistry registry, int pageSize) {
        this(registry, pageSize, Guard.HIDE);
    }

    /** {@code guard}: what callers without the scopes of a resource or template see of it. */
    public ResourcesFeature(ResourceRegistry registry, int pageSize, Guard guard) {
        this.registry = registry;
        this.pageSize = Paging.checkPageSize(pageSize);
        this.guard = guard;
    }

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("resources/list", this::list).nonBlocking(),
                MethodSpec.of("resources/templates/list", this::templates).nonBlocking(),
                MethodSpec.of("resources/read", this::read).takingInput().target(MethodSpec.Target.URI));
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        // the subscriptions feature adds subscribe (and listChanged for 2026-07-28, served through subscriptions/listen)
        capabilities.add("resources", protocolVersion.compareTo(ProtocolVersion.V2026_07_28) < 0
                ? Json2.object().add("listChanged", true) : Json2.object());
    }

    private CompletionStage<JsonObject> list(RequestContext ctx) {
        String version = ctx.protocolVersion();
        return Paging.list(ctx, guard, registry.resources(), pageSize, "resources", r -> r.toJson(version));
    }

    private CompletionStage<JsonObject> templates(RequestContext ctx) {
        String version = ctx.protocolVersion();
        return Paging.list(ctx, guard, registry.templates(), pageSize, "resourceTemplates", t -> t.toJson(version));
    }

    private CompletionStage<JsonObject> read(RequestContext ctx) {
        String uri = Json2.stringOrNull(ctx.params(), "uri");
        if (uri == null) {
            throw McpException.invalidParams("resources/read needs params.uri (a string)");
        }
        ResourceRegistry.Resolved resolved = registry.resolve(uri);
        if (resolved == null) {
            throw notFound(ctx, uri, "Resource not found: " + uri);
        }
        guard.check(resolved.definition(), ctx, () -> notFound(ctx, uri, "Resource not found: " + uri));
        return Outcomes.call(args -> resolved.reader().read(uri, resolved.variables(), ctx), new Object[0],
                value -> {
                    if (value == null) {
                        throw notFound(ctx, uri, "Resource not found: " + uri);
                    }
                    return ctx.cacheable(Json2.object().add("contents",
                            ResourceResults.contents(value, uri, resolved.mimeType(), resolved.name()))).build();
                },
                t -> {
                    Throwable cause = Outcomes.unwrap(t);
                    if (cause instanceof ResourceNotFoundException e) {
                        return notFound(ctx, uri, e.getMessage() == null ? "Resource not found: " + uri : e.getMessage());
                    }
                    if (cause instanceof InvalidValueException e) {
                        return notFound(ctx, uri, "Resource not found: " + uri + " (" + e.getMessage() + ")");
                    }
                    return Outcomes.failure(t, ctx, Messages.RESOURCE_FAILED, resolved.name());
                });
    }

    /** -32002 in 2025-11-25 and older, -32602 in 2026-07-28 (which reserves -32002); {@code data.uri} in both. */
    static McpException notFound(RequestContext ctx, String uri, String message) {
        int code = ctx.atLeast(ProtocolVersion.V2026_07_28) ? ErrorCodes.INVALID_PARAMS : ErrorCodes.RESOURCE_NOT_FOUND;
        return new McpException(code, message, Json2.object().add("uri", uri).build());
    }
}
