package dev.mcpws.resources;

import dev.mcpws.features.Access;
import dev.mcpws.features.Guarded;
import dev.mcpws.features.Completer;
import dev.mcpws.features.Rendered;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A resource template: its parsed URI template, metadata, reader, and the completers of its variables. */
public final class TemplateDefinition implements Guarded {

    private final UriTemplate uriTemplate;
    private final String name;
    private final String title;
    private final String description;
    private final String mimeType;
    private final ResourceReader reader;
    private final Map<String, Completer> completers = new ConcurrentHashMap<>();
    private final Rendered rendered = new Rendered();
    private volatile Access access = Access.OPEN;

    /**
     * @param name null or blank means the URI template
     * @throws IllegalArgumentException for a template that is not RFC 6570 level 1-2
     */
    public TemplateDefinition(String uriTemplate, String name, String title, String description, String mimeType,
                              ResourceReader reader) {
        this.uriTemplate = UriTemplate.parse(uriTemplate);
        this.name = ResourceDefinition.blankToNull(name) == null ? uriTemplate : name;
        this.title = ResourceDefinition.blankToNull(title);
        this.description = ResourceDefinition.blankToNull(description);
        this.mimeType = ResourceDefinition.blankToNull(mimeType);
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public String uriTemplate() {
        return uriTemplate.template();
    }

    public UriTemplate template() {
        return uriTemplate;
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

    /**
     * Adds the completer of a variable.
     *
     * @throws IllegalArgumentException when the template has no such variable or the variable already has one
     */
    public void addCompleter(String variable, Completer completer) {
        if (!uriTemplate.variables().contains(variable)) {
            throw new IllegalArgumentException("Resource template '" + uriTemplate + "' has no variable '" + variable
                    + "' (it has " + uriTemplate.variables() + ")");
        }
        if (completers.putIfAbsent(variable, Objects.requireNonNull(completer)) != null) {
            throw new IllegalArgumentException("Variable '" + variable + "' of resource template '" + uriTemplate
                    + "' has two completers");
        }
    }

    /** The completer of a variable, or null. */
    public Completer completer(String variable) {
        return completers.get(variable);
    }

    /** The {@code ResourceTemplate} object of {@code resources/templates/list} for {@code protocolVersion}. */
    public JsonObject toJson(String protocolVersion) {
        return rendered.get(protocolVersion, v -> render(v.compareTo(ProtocolVersion.V2025_06_18) >= 0));
    }

    private JsonObject render(boolean withTitle) {
        return ResourceDefinition.fields("uriTemplate", uriTemplate.template(), name, title, description, mimeType,
                withTitle).build();
    }

    /** Icons (and, for resources, annotations) to send besides the definition's own fields; set at deploy time. */
    public TemplateDefinition presentation(dev.mcpws.features.Presentation presentation) {
        rendered.presentation(presentation);
        return this;
    }

    @Override
    public Access access() {
        return access;
    }

    /** The scopes a caller needs to see and use it (deploy time, or when registered programmatically). */
    public TemplateDefinition access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }
}
