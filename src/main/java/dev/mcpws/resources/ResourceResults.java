package dev.mcpws.resources;

import dev.mcpws.api.ResourceContents;
import dev.mcpws.features.ContentJson;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArrayBuilder;
import java.util.Base64;
import java.util.List;

/** Turns what a resource method returned into the {@code contents} array of {@code resources/read}. */
final class ResourceResults {

    static final String TEXT = "text/plain";
    static final String BINARY = "application/octet-stream";

    private ResourceResults() {
    }

    /**
     * @param uri      the URI read (the default URI of contents)
     * @param mimeType the declared MIME type, or null
     * @throws IllegalStateException for a value of a type a resource method may not return
     */
    static JsonArrayBuilder contents(Object value, String uri, String mimeType, String where) {
        JsonArrayBuilder contents = Json2.array();
        if (value instanceof String s) {
            contents.add(ContentJson.contents(ResourceContents.text(uri, mimeType == null ? TEXT : mimeType, s)));
        } else if (value instanceof byte[] bytes) {
            contents.add(ContentJson.contents(new ResourceContents(uri, mimeType == null ? BINARY : mimeType, null,
                    Base64.getEncoder().encodeToString(bytes))));
        } else if (value instanceof ResourceContents c) {
            contents.add(ContentJson.contents(c.withDefaults(uri, mimeType)));
        } else if (value instanceof List<?> list && list.stream().allMatch(ResourceContents.class::isInstance)) {
            for (Object o : list) {
                contents.add(ContentJson.contents(((ResourceContents) o).withDefaults(uri, mimeType)));
            }
        } else {
            throw new IllegalStateException(where + " returned a " + value.getClass().getName()
                    + "; resources return String, byte[], ResourceContents or List<ResourceContents>");
        }
        return contents;
    }
}
