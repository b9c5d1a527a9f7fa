package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine's own methods: the legacy {@code initialize} handshake and {@code ping}, the 2026-07-28
 * {@code server/discover}, and the server capabilities the features add up to.
 */
final class CoreMethods {

    private final ServerInfo serverInfo;
    private final List<ServerFeature> features;

    CoreMethods(ServerInfo serverInfo, List<ServerFeature> features) {
        this.serverInfo = serverInfo;
        this.features = features;
    }

    /** {@code ping} (legacy only) and {@code server/discover} (modern only), routed like any feature's methods. */
    List<MethodSpec> methods() {
        return List.of(
                MethodSpec.of("ping", ctx -> CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT)).only(Era.LEGACY)
                        .nonBlocking(),
                MethodSpec.of("server/discover", this::discover).only(Era.MODERN).nonBlocking());
    }

    /** Every version this server speaks, newest first. */
    static JsonArrayBuilder supportedVersions() {
        JsonArrayBuilder a = Json2.array();
        ProtocolVersion.ALL.forEach(a::add);
        return a;
    }

    /** The legacy handshake: negotiates the version and fixes the client's capabilities for the connection. */
    JsonObject initialize(McpSession session, JsonRpcRequest request) {
        if (session.handshake() != null) {
            throw new McpException(ErrorCodes.INVALID_REQUEST, "Invalid Request: the connection is already initialized");
        }
        JsonObject params = request.params();
        String requested = Json2.stringOrNull(params, "protocolVersion");
        if (requested == null) {
            throw McpException.invalidParams("initialize needs params.protocolVersion");
        }
        String negotiated = ProtocolVersion.isLegacy(requested) ? requested : ProtocolVersion.LATEST_LEGACY;
        session.handshake(new McpSession.LegacyHandshake(negotiated, Json2.object(params, "capabilities"),
                Json2.object(params, "clientInfo")));
        JsonObjectBuilder result = Json2.object()
                .add("protocolVersion", negotiated)
                .add("capabilities", capabilities(negotiated))
                .add("serverInfo", serverInfo.implementation(negotiated));
        addInstructions(result);
        return result.build();
    }

    private CompletionStage<JsonObject> discover(RequestContext ctx) {
        JsonObjectBuilder result = Json2.object()
                .add("supportedVersions", supportedVersions())
                .add("capabilities", capabilities(ctx.protocolVersion()));
        addInstructions(result);
        return CompletableFuture.completedFuture(ctx.cacheable(result).build());
    }

    private void addInstructions(JsonObjectBuilder result) {
        if (serverInfo.instructions() != null && !serverInfo.instructions().isBlank()) {
            result.add("instructions", serverInfo.instructions());
        }
    }

    private JsonObject capabilities(String protocolVersion) {
        JsonObjectBuilder caps = Json2.object();
        for (ServerFeature f : features) {
            f.capabilities(caps, protocolVersion);
        }
        return caps.build();
    }
}
