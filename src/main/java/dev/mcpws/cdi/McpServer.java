package dev.mcpws.cdi;

import dev.mcpws.completion.CompletionsFeature;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.prompts.PromptsFeature;
import dev.mcpws.resources.ResourcesFeature;
import dev.mcpws.tools.ToolRegistry;
import dev.mcpws.tools.ToolsFeature;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server of this application: builds the {@link McpEngine} once at startup from the deployed features and the
 * MicroProfile Config, on the container's {@code ManagedExecutorService}. Transports ask it for the engine.
 */
@ApplicationScoped
public class McpServer {

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

    @Inject
    McpExtension extension;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "mcp.server.name", defaultValue = "mcp-websocket")
    String name;

    @Inject
    @ConfigProperty(name = "mcp.server.version", defaultValue = "0.1.0")
    String version;

    @Inject
    @ConfigProperty(name = "mcp.server.title")
    Optional<String> title;

    @Inject
    @ConfigProperty(name = "mcp.server.instructions")
    Optional<String> instructions;

    @Inject
    @ConfigProperty(name = "mcp.list.page-size", defaultValue = "50")
    int pageSize;

    @Inject
    @ConfigProperty(name = "mcp.cache.ttl-ms", defaultValue = "30000")
    long ttlMs;

    @Inject
    @ConfigProperty(name = "mcp.cache.scope", defaultValue = "public")
    String cacheScope;

    @Inject
    @ConfigProperty(name = "mcp.websocket.max-message-bytes", defaultValue = "4194304")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "mcp.websocket.idle-timeout-ms", defaultValue = "0")
    long idleTimeoutMs;

    private McpEngine engine;

    /** Transport settings read once at startup. */
    public record TransportSettings(int maxMessageBytes, long idleTimeoutMs) {
    }

    private TransportSettings transportSettings;

    @PostConstruct
    void start() {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("mcp.websocket.max-message-bytes must be >= 1");
        }
        transportSettings = new TransportSettings(maxMessageBytes, idleTimeoutMs);
        ToolRegistry tools = extension.tools();
        engine = new McpEngine(
                new ServerInfo(name, version, title.orElse(null), instructions.orElse(null)),
                List.of(new ToolsFeature(tools, pageSize), new ResourcesFeature(extension.resources(), pageSize),
                        new PromptsFeature(extension.prompts(), pageSize),
                        new CompletionsFeature(extension.prompts(), extension.resources())),
                executor,
                new EngineSettings(ttlMs, cacheScope));
        tools.onChange(() -> engine.notifyLegacySessions("notifications/tools/list_changed", JsonValue.EMPTY_JSON_OBJECT));
        extension.resources().onChange(() -> engine.notifyLegacySessions("notifications/resources/list_changed",
                JsonValue.EMPTY_JSON_OBJECT));
        LOG.info(() -> "MCPWS0304I: MCP server " + name + " " + version + " ready with " + tools.size() + " tools");
    }

    /** Builds the engine when the application starts, not on the first connection. */
    void onStartup(@Observes Startup startup) {
        engine();
    }

    public McpEngine engine() {
        return engine;
    }

    public TransportSettings settings() {
        return transportSettings;
    }

    public ToolRegistry tools() {
        return extension.tools();
    }
}
