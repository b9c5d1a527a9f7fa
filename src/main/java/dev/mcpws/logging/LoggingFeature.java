package dev.mcpws.logging;

import dev.mcpws.api.McpLog;
import dev.mcpws.engine.McpException;
import dev.mcpws.engine.Era;
import dev.mcpws.engine.MethodSpec;
import java.util.List;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code logging/setLevel} (legacy era: the minimum level of the connection) and the {@code logging} capability.
 * 2026-07-28 requests carry their level in {@code _meta} instead; see {@link RequestLog}.
 */
public final class LoggingFeature implements ServerFeature {

    /** Session attribute: the {@link McpLog.Level} a legacy client set. */
    static final Object LEVEL_KEY = LoggingFeature.class.getName() + ".level";

    @Override
    public List<MethodSpec> methods() {
        return List.of(MethodSpec.of("logging/setLevel", LoggingFeature::setLevel).only(Era.LEGACY).nonBlocking());
    }

    @Override
    public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        capabilities.add("logging", JsonValue.EMPTY_JSON_OBJECT);
    }

    private static CompletionStage<JsonObject> setLevel(RequestContext ctx) {
        String name = Json2.stringOrNull(ctx.params(), "level");
        McpLog.Level level = McpLog.Level.parse(name);
        if (level == null) {
            throw McpException.invalidParams("logging/setLevel needs params.level, one of debug, info, notice, warning, "
                    + "error, critical, alert, emergency" + (name == null ? "" : " (got \"" + name + "\")"));
        }
        ctx.session().attributes().put(LEVEL_KEY, level);
        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
    }
}
