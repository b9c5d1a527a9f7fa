package dev.mcpws.client;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Finds the era of each new session and speaks it: {@code server/discover} (2026-07-28) or the legacy
 * {@code initialize} handshake, by {@link McpClient.Builder#era}; and the {@code _meta} every 2026-07-28 request
 * carries (protocol version, the client's capabilities and info, the log level).
 */
final class EraProbe {

    static final String MODERN_VERSION = ProtocolVersion.V2026_07_28;
    static final String META = "io.modelcontextprotocol/";
    private static final Duration MAX_PROBE = Duration.ofSeconds(10);

    private final ProtocolEra pinned;
    private final Duration timeout;
    /** What the client declares (fixed at build time; sent with every 2026-07-28 request and in initialize). */
    private final JsonObject capabilities;
    private final JsonObject clientInfo;
    private volatile boolean modern;
    private volatile String logLevel;

    EraProbe(McpClient.Builder cfg) {
        this.pinned = cfg.era;
        this.timeout = cfg.requestTimeout;
        this.capabilities = capabilities(cfg);
        this.clientInfo = Json2.object().add("name", cfg.clientName).add("version", cfg.clientVersion).build();
    }

    /** True while a 2026-07-28 session is established. */
    boolean modern() {
        return modern;
    }

    String logLevel() {
        return logLevel;
    }

    /** The level the client wants; 2026-07-28 requests carry it from now on. */
    void logLevel(String level) {
        this.logLevel = level;
    }

    /** Makes a session on a fresh socket; requests other than the handshake wait in {@code table} until it is made. */
    CompletableFuture<ServerDescription> handshake(RequestTable table) {
        modern = false;
        switch (pinned) {
            case LEGACY:
                return initialize(table);
            case MODERN:
                return discover(table);
            default:
                return discover(table).handle((d, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(d);
                    }
                    Throwable cause = Futures.unwrap(e);
                    if (cause instanceof ConnectionLostException || !mayBeLegacy(cause)) {
                        return CompletableFuture.<ServerDescription>failedFuture(cause);
                    }
                    return initialize(table);
                }).thenCompose(Function.identity());
        }
    }

    /** The session is made: requests are sent in its era from now on. */
    void established(ServerDescription session) {
        modern = session.era() == ProtocolEra.MODERN;
    }

    /** The spec's stream rule: a modern error means modern; anything else (incl. no answer) means legacy. */
    static boolean mayBeLegacy(Throwable probeError) {
        if (probeError instanceof McpErrorException e) {
            if (e.code() == ErrorCodes.MISSING_CLIENT_CAPABILITY) {
                return false;
            }
            if (e.code() == ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION) {
                JsonArray supported = e.data() instanceof JsonObject d ? Json2.arrayOrNull(d, "supported") : null;
                return supported == null || supported.stream().anyMatch(v -> v instanceof JsonString s
                        && ProtocolVersion.isLegacy(s.getString()));
            }
        }
        return true;
    }

    private CompletableFuture<ServerDescription> discover(RequestTable table) {
        Duration probe = pinned == ProtocolEra.AUTO && timeout.compareTo(MAX_PROBE) > 0 ? MAX_PROBE : timeout;
        return handshakeRequest(table, "server/discover", JsonValue.EMPTY_JSON_OBJECT, probe).thenApply(r -> {
            JsonArray versions = Json2.arrayOrNull(r, "supportedVersions");
            if (versions != null && versions.stream().noneMatch(v -> v instanceof JsonString s
                    && MODERN_VERSION.equals(s.getString()))) {
                throw new McpErrorException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                        "The server does not support " + MODERN_VERSION, Json2.object().add("supported", versions).build());
            }
            JsonObject info = r.get("serverInfo") instanceof JsonObject o ? o
                    : Json2.object(Json2.object(r, "_meta"), META + "serverInfo");
            return new ServerDescription(MODERN_VERSION, ProtocolEra.MODERN, info, Json2.object(r, "capabilities"),
                    Json2.stringOrNull(r, "instructions"));
        });
    }

    private CompletableFuture<ServerDescription> initialize(RequestTable table) {
        JsonObject params = Json2.object().add("protocolVersion", ProtocolVersion.LATEST_LEGACY)
                .add("capabilities", capabilities).add("clientInfo", clientInfo).build();
        return handshakeRequest(table, "initialize", params, timeout).thenApply(r -> {
            String version = Json2.stringOrNull(r, "protocolVersion");
            if (version == null || !ProtocolVersion.isLegacy(version)) {
                throw new McpClientException("The server answered initialize with protocol version " + version
                        + ", which this client does not speak");
            }
            table.send(new JsonRpcNotification("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT));
            return new ServerDescription(version, ProtocolEra.LEGACY, Json2.object(r, "serverInfo"),
                    Json2.object(r, "capabilities"), Json2.stringOrNull(r, "instructions"));
        });
    }

    private static CompletableFuture<JsonObject> handshakeRequest(RequestTable table, String method, JsonObject params,
            Duration timeout) {
        PendingRequest<JsonObject> p = PendingRequest.handshake(method, params);
        table.start(p, timeout);
        return p.future;
    }

    /** The params a request goes out with: its own, its last input round, and its {@code _meta}. */
    JsonObject wire(PendingRequest<?> p) {
        JsonObjectBuilder b = Json2.object(p.params);
        if (p.round != null) {
            p.round.forEach(b::add);
        }
        JsonObjectBuilder meta = Json2.object(Json2.object(p.params, "_meta"));
        if (p.progressToken != null) {
            meta.add("progressToken", p.progressToken);
        }
        if (!p.trace.isEmpty()) {
            JsonObject own = Json2.object(p.params, "_meta");
            p.trace.forEach((k, v) -> {
                if (!own.containsKey(k)) {
                    meta.add(k, v);
                }
            });
        }
        if (modern || "server/discover".equals(p.method)) {
            // capabilities the request adds for itself (e.g. the tasks extension of one call) join the client's
            JsonObject own = Json2.object(Json2.object(p.params, "_meta"), META + "clientCapabilities");
            meta.add(META + "protocolVersion", MODERN_VERSION)
                    .add(META + "clientCapabilities", own.isEmpty() ? capabilities
                            : Json2.object(capabilities).addAll(Json2.object(own)).build())
                    .add(META + "clientInfo", clientInfo);
            String level = logLevel;
            if (level != null) {
                meta.add(META + "logLevel", level);
            }
        }
        JsonObject m = meta.build();
        if (!m.isEmpty()) {
            b.add("_meta", m);
        }
        return b.build();
    }

    private static JsonObject capabilities(McpClient.Builder cfg) {
        JsonObjectBuilder c = Json2.object();
        if (cfg.roots != null) {
            c.add("roots", Json2.object().add("listChanged", true));
        }
        if (cfg.sampling != null) {
            c.add("sampling", JsonValue.EMPTY_JSON_OBJECT);
        }
        if (cfg.elicitation != null) {
            c.add("elicitation", Json2.object().add("form", JsonValue.EMPTY_JSON_OBJECT).add("url", JsonValue.EMPTY_JSON_OBJECT));
        }
        return c.build();
    }
}
