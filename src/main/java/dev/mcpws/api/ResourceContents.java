package dev.mcpws.api;

import java.util.Base64;
import java.util.Objects;

/**
 * The contents of a resource ({@code resources/read}): text or a base64 blob.
 *
 * @param uri        the URI of these contents; null means the URI that was read
 * @param mimeType   null means the MIME type declared on the resource or template (omitted when there is none)
 * @param text       the text, or null for a blob
 * @param base64Blob the base64-encoded bytes, or null for text
 */
public record ResourceContents(String uri, String mimeType, String text, String base64Blob) {

    public ResourceContents {
        if ((text == null) == (base64Blob == null)) {
            throw new IllegalArgumentException("Resource contents have either text or a blob");
        }
    }

    public static ResourceContents text(String uri, String mimeType, String text) {
        return new ResourceContents(uri, mimeType, Objects.requireNonNull(text, "text"), null);
    }

    public static ResourceContents blob(String uri, String mimeType, byte[] data) {
        return new ResourceContents(uri, mimeType, null, Base64.getEncoder().encodeToString(data));
    }

    /** These contents with {@code uri} and {@code mimeType} filled in where they are null. */
    public ResourceContents withDefaults(String defaultUri, String defaultMimeType) {
        return new ResourceContents(uri == null ? defaultUri : uri, mimeType == null ? defaultMimeType : mimeType,
                text, base64Blob);
    }
}
