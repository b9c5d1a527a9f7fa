package dev.mcpws.api;

import jakarta.json.JsonObject;
import java.security.Principal;

/** Facts about the request being served; declare it as a tool parameter (or {@code @Inject} it). */
public interface RequestInfo {

    /** The protocol version this request speaks (negotiated by initialize, or from its {@code _meta}). */
    String protocolVersion();

    /** The client's capabilities (from the handshake or from this request's {@code _meta}). */
    JsonObject clientCapabilities();

    /** The client's name/version, or an empty object when it did not say. */
    JsonObject clientInfo();

    /** The request's {@code _meta} object (possibly empty). */
    JsonObject meta();

    /** The authenticated user, or null. */
    Principal principal();

    /** The id of the connection the request came on. */
    String connectionId();
}
