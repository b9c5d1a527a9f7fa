package dev.mcpws.contract;

import dev.mcpws.it.McpIT;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one configuration the contract suite runs against, on every transport. */
public final class ContractDeployment {

    public static final int PAGE_SIZE = 50;
    /** Small, so listens are seen not to use it up. */
    public static final int MAX_IN_FLIGHT = 4;
    /** Short, so listens are seen to outlive it; no scenario request runs anywhere near it. */
    public static final long REQUEST_TIMEOUT_MS = 2_000;
    /** mcp.mrtr.secret of McpIT's test configuration. */
    public static final String MRTR_SECRET = "aXQtc2VjcmV0LWZvci1tcnRyLXN0YXRlcy0zMi1ieXRlcyE=";

    private ContractDeployment() {
    }

    /** The test WAR with the contract settings. */
    public static WebArchive war() {
        return McpIT.testWar("mcp.limits.max-in-flight=" + MAX_IN_FLIGHT + "\nmcp.request.timeout-ms=" + REQUEST_TIMEOUT_MS
                + "\nmcp.http.sse-keepalive-ms=200");
    }
}
