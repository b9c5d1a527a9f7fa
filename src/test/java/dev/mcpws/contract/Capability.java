package dev.mcpws.contract;

/** What a transport's server can do beyond the common contract; scenarios that need one are skipped elsewhere. */
public enum Capability {
    /** {@code @McpSessionScoped} beans (a CDI container). */
    CDI_SESSION_SCOPE,
    /**
     * One connection carries all of a client's messages whatever the era, and exists before {@code initialize}
     * (WebSocket, in memory). Over HTTP a legacy request needs the session {@code initialize} creates, a second
     * {@code initialize} creates another session, and every 2026-07-28 POST is a connection of its own.
     */
    CONNECTION
}
