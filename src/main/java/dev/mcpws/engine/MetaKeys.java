package dev.mcpws.engine;

/** The {@code _meta} keys of protocol 2026-07-28. */
public final class MetaKeys {

    public static final String PREFIX = "io.modelcontextprotocol/";
    public static final String PROTOCOL_VERSION = PREFIX + "protocolVersion";
    public static final String CLIENT_CAPABILITIES = PREFIX + "clientCapabilities";
    public static final String CLIENT_INFO = PREFIX + "clientInfo";
    public static final String LOG_LEVEL = PREFIX + "logLevel";
    public static final String SERVER_INFO = PREFIX + "serverInfo";
    public static final String SUBSCRIPTION_ID = PREFIX + "subscriptionId";
    public static final String PROGRESS_TOKEN = "progressToken";

    private MetaKeys() {
    }
}
