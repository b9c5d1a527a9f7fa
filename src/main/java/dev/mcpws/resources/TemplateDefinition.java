package dev.mcpws.resources;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.features.Completer;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A resource template: its parsed URI template, metadata, reader, and the completers of its variables. */
public final class TemplateDefinition {

    private volatile dev.mcpws.features.Presentation presentation = dev.mcpws.features.Presentation.NONE;

    private final UriTemplate uriTemplate;
    private final String name;
    private final String title;
    private final String description;
    private final String mimeType;
    private final ResourceReader reader;
    private final Map<String, Completer> completers = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> rendered = new ConcurrentHashMap<>();

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
        // rendered once per version, icons/annotations included: nothing is built per list request
        return rendered.computeIfAbsent(protocolVersion, v -> presentation.decorate(
                render(v.compareTo(ProtocolVersion.V2025_06_18) >= 0), v));
    }

    private JsonObject render(boolean withTitle) {
        JsonObjectBuilder b = Json2.object().add("uriTemplate", uriTemplate.template()).add("name", name);
        if (title != null && withTitle) {
            b.add("title", title);
        }
        if (description != null) {
            b.add("description", description);
        }
        if (mimeType != null) {
            b.add("mimeType", mimeType);
        }
        return b.build();
    }

    /** Icons (and, for resources, annotations) to send besides the definition's own fields; set at deploy time. */
    public TemplateDefinition presentation(dev.mcpws.features.Presentation presentation) {
        this.presentation = java.util.Objects.requireNonNull(presentation, "presentation");
        rendered.clear();
        return this;
    }
}
