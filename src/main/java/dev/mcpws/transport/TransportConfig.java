package dev.mcpws.transport;

import dev.mcpws.diagnostics.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the settings both transports share, once. Keys that were per transport before (and now mean one thing for
 * both) are still read as deprecated aliases, with a warning naming the new key.
 */
@ApplicationScoped
public class TransportConfig {

    private static final Logger LOG = Logger.getLogger(TransportConfig.class.getName());

    @Inject
    Config config;

    public TransportSettings settings() {
        OriginPolicy origins = OriginPolicy.parse(string("mcp.allowed-origins",
                "mcp.websocket.allowed-origins", "mcp.http.allowed-origins").orElse(null));
        if (origins.allowsAll()) {
            Messages.ALL_ORIGINS_ALLOWED.log(LOG, null);
        }
        HostPolicy hosts = HostPolicy.parse(config.getOptionalValue("mcp.allowed-hosts", String.class).orElse(null));
        if (hosts.allowsAll()) {
            Messages.ALL_HOSTS_ALLOWED.log(LOG, null);
        }
        int maxMessageBytes = string("mcp.limits.max-message-bytes",
                "mcp.websocket.max-message-bytes", "mcp.http.max-message-bytes").map(Integer::parseInt).orElse(4_194_304);
        int maxConnections = config.getOptionalValue("mcp.limits.max-connections", Integer.class).orElse(10_000);
        int retryAfter = config.getOptionalValue("mcp.limits.retry-after-seconds", Integer.class).orElse(5);
        long drainMs = config.getOptionalValue("mcp.drain.timeout-ms", Long.class).orElse(10_000L);
        return new TransportSettings(origins, hosts, maxMessageBytes, maxConnections, retryAfter, drainMs);
    }

    /** The value of {@code key}, else of the first deprecated alias that is set (logged once per start). */
    private Optional<String> string(String key, String... aliases) {
        Optional<String> v = config.getOptionalValue(key, String.class);
        if (v.isPresent()) {
            return v;
        }
        for (String alias : aliases) {
            Optional<String> a = config.getOptionalValue(alias, String.class);
            if (a.isPresent()) {
                Messages.DEPRECATED_KEY.log(LOG, null, alias, key);
                return a;
            }
        }
        return Optional.empty();
    }
}
