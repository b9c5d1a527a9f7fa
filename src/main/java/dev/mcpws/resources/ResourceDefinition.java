package dev.mcpws.resources;

import dev.mcpws.features.Access;
import dev.mcpws.features.Guarded;
import java.util.Objects;
import dev.mcpws.features.Rendered;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URISyntaxException;

/** A resource with a fixed URI: its metadata and its reader. {@link #toJson(String)} is cached per version. */
public final class ResourceDefinition implements Guarded {

    private final String uri;
    private final String name;
    private final String title;
    private final String description;
    private final String mimeType;
    private final Long size;
    private final ResourceReader reader;
    private final Rendered rendered = new Rendered();
    private volatile Access access = Access.OPEN;

    /**
     * @param name     null or blank means the URI
     * @param size     null means unknown
     * @throws IllegalArgumentException when the URI is not an absolute URI
     */
    public ResourceDefinition(String uri, String name, String title, String description, String mimeType, Long size,
                              ResourceReader reader) {
        this.uri = checkUri(uri);
        this.name = blankToNull(name) == null ? uri : name;
        this.title = blankToNull(title);
        this.description = blankToNull(description);
        this.mimeType = blankToNull(mimeType);
        if (size != null && size < 0) {
            throw new IllegalArgumentException("Resource '" + uri + "': size must be >= 0");
        }
        this.size = size;
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    static String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("A resource URI must not be empty");
        }
        try {
            if (new URI(uri).getScheme() == null) {
                throw new IllegalArgumentException("Resource URI '" + uri + "' is not absolute (it needs a scheme)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Resource URI '" + uri + "' is not a valid URI: " + e.getMessage()
                    + (uri.indexOf('{') >= 0 ? " (use @ResourceTemplate for URI templates)" : ""), e);
        }
        return uri;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String uri() {
        return uri;
    }

    public String name() {
        return name;
    }

    public String mimeType() {
        return mimeType;
    }

    public ResourceReader reader() {
        return reader;
    }

    /** The {@code Resource} object of {@code resources/list}, with only the fields {@code protocolVersion} knows. */
    public JsonObject toJson(String protocolVersion) {
        return rendered.get(protocolVersion, v -> render(v.compareTo(ProtocolVersion.V2025_06_18) >= 0));
    }

    private JsonObject render(boolean withTitle) {
        JsonObjectBuilder b = fields("uri", uri, name, title, description, mimeType, withTitle);
        if (size != null) {
            b.add("size", size);
        }
        return b.build();
    }

    /**
     * The fields a resource and a template share, in this order: {@code <key>} (uri or uriTemplate), name, and title
     * (when {@code withTitle}), description, mimeType when set.
     */
    static JsonObjectBuilder fields(String key, String value, String name, String title, String description,
                                    String mimeType, boolean withTitle) {
        JsonObjectBuilder b = Json2.object().add(key, value).add("name", name);
        if (title != null && withTitle) {
            b.add("title", title);
        }
        if (description != null) {
            b.add("description", description);
        }
        if (mimeType != null) {
            b.add("mimeType", mimeType);
        }
        return b;
    }

    /** Icons (and, for resources, annotations) to send besides the definition's own fields; set at deploy time. */
    public ResourceDefinition presentation(dev.mcpws.features.Presentation presentation) {
        rendered.presentation(presentation);
        return this;
    }

    @Override
    public Access access() {
        return access;
    }

    /** The scopes a caller needs to see and use it (deploy time, or when registered programmatically). */
    public ResourceDefinition access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }
}
