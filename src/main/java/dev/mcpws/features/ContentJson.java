package dev.mcpws.features;

import dev.mcpws.api.Content;
import dev.mcpws.api.ResourceContents;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Writes the content types of the API as JSON for a protocol version: content blocks (tool results, prompt messages)
 * and resource contents. Blocks a version does not know are downgraded to a text block describing them.
 */
public final class ContentJson {

    private ContentJson() {
    }

    public static JsonObject text(String text) {
        return Json2.object().add("type", "text").add("text", text).build();
    }

    /** One content block, downgraded to text when {@code version} does not know its type. */
    public static JsonObject block(Content content, String version) {
        if (content instanceof Content.Text t) {
            return text(t.text());
        }
        if (content instanceof Content.Image i) {
            return Json2.object().add("type", "image").add("data", i.base64Data()).add("mimeType", i.mimeType()).build();
        }
        if (content instanceof Content.Audio a) {
            return version.compareTo(ProtocolVersion.V2025_03_26) >= 0
                    ? Json2.object().add("type", "audio").add("data", a.base64Data()).add("mimeType", a.mimeType()).build()
                    : text("[audio content of type " + a.mimeType() + " omitted: protocol " + version + " has no audio]");
        }
        if (content instanceof Content.ResourceLink l) {
            if (version.compareTo(ProtocolVersion.V2025_06_18) < 0) {
                return text("Resource: " + l.uri() + " (" + l.name() + ")");
            }
            JsonObjectBuilder b = Json2.object().add("type", "resource_link").add("uri", l.uri()).add("name", l.name());
            addIfSet(b, "title", l.title());
            addIfSet(b, "description", l.description());
            addIfSet(b, "mimeType", l.mimeType());
            if (l.size() != null) {
                b.add("size", l.size());
            }
            return b.build();
        }
        Content.EmbeddedResource r = (Content.EmbeddedResource) content;
        JsonObjectBuilder res = Json2.object().add("uri", r.uri());
        addIfSet(res, "mimeType", r.mimeType());
        if (r.text() != null) {
            res.add("text", r.text());
        } else {
            res.add("blob", r.base64Blob());
        }
        return Json2.object().add("type", "resource").add("resource", res).build();
    }

    /** A {@code TextResourceContents} or {@code BlobResourceContents}; its uri must be set. */
    public static JsonObject contents(ResourceContents c) {
        JsonObjectBuilder b = Json2.object().add("uri", c.uri());
        addIfSet(b, "mimeType", c.mimeType());
        if (c.text() != null) {
            b.add("text", c.text());
        } else {
            b.add("blob", c.base64Blob());
        }
        return b.build();
    }

    public static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
