package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides the era of one request; every transport asks this one rule (the engine for each request, Streamable HTTP
 * also before it picks a session). In order:
 * <ol>
 * <li>{@code _meta} carries {@code io.modelcontextprotocol/protocolVersion} or {@code clientCapabilities}, or the
 *     method exists only in 2026-07-28: modern;</li>
 * <li>the transport declared a 2026-07-28 version (HTTP's {@code MCP-Protocol-Version}): modern;</li>
 * <li>the client did the legacy handshake on this connection, or the request is {@code initialize} or {@code ping}:
 *     legacy;</li>
 * <li>the transport declared a legacy version: legacy (a legacy client that has no handshake yet);</li>
 * <li>anything else: modern (whose {@code _meta} must then be complete).</li>
 * </ol>
 */
public final class EraRule {

    private final Set<String> modernOnly;

    EraRule(Collection<MethodSpec> methods) {
        this.modernOnly = methods.stream().filter(m -> !m.existsIn(Era.LEGACY)).map(MethodSpec::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param handshake       the connection completed (or, over HTTP, claims by its session id) the legacy handshake
     * @param declaredVersion the version the transport declared outside the message, or null
     */
    public Era decide(JsonRpcRequest request, boolean handshake, String declaredVersion) {
        JsonObject meta = request.meta();
        String method = request.method();
        if (meta.containsKey(MetaKeys.PROTOCOL_VERSION) || meta.containsKey(MetaKeys.CLIENT_CAPABILITIES)
                || modernOnly.contains(method)) {
            return Era.MODERN;
        }
        String declared = declaredVersion == null ? null : declaredVersion.trim();
        if (declared != null && ProtocolVersion.isModern(declared)) {
            return Era.MODERN;
        }
        if (handshake || "initialize".equals(method) || "ping".equals(method)) {
            return Era.LEGACY;
        }
        return declared != null && ProtocolVersion.isLegacy(declared) ? Era.LEGACY : Era.MODERN;
    }
}
