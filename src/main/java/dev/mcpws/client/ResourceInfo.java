package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import jakarta.json.JsonObject;

/**
 * A resource ({@code resources/list}) or resource template ({@code resources/templates/list}, then {@code uri} holds
 * the {@code uriTemplate}); {@code json} is the whole definition as sent.
 */
public record ResourceInfo(String uri, String name, String title, String description, String mimeType, JsonObject json) {

    static ResourceInfo resource(JsonObject o) {
        return of(Json2.stringOrNull(o, "uri"), o);
    }

    static ResourceInfo template(JsonObject o) {
        return of(Json2.stringOrNull(o, "uriTemplate"), o);
    }

    private static ResourceInfo of(String uri, JsonObject o) {
        return new ResourceInfo(uri, Json2.stringOrNull(o, "name"), Json2.stringOrNull(o, "title"),
                Json2.stringOrNull(o, "description"), Json2.stringOrNull(o, "mimeType"), o);
    }
}
