package dev.mcpws.prompts;

import dev.mcpws.features.Access;
import dev.mcpws.features.Guarded;
import dev.mcpws.features.Completer;
import dev.mcpws.features.Rendered;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A prompt as the server knows it: metadata, its string arguments, how to get its messages, and the completers of
 * its arguments. {@link #toJson(String)} is cached per version.
 */
public final class PromptDefinition implements Guarded {

    /** One argument of a prompt. */
    public record Argument(String name, String description, boolean required) {
        public Argument {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A prompt argument needs a name");
            }
            description = description == null || description.isBlank() ? null : description;
        }
    }

    /** Produces the prompt's messages from the validated arguments (absent optional ones are not in the map). */
    @FunctionalInterface
    public interface Getter {
        Object get(Map<String, String> arguments, dev.mcpws.engine.RequestContext request) throws Throwable;
    }

    private final String name;
    private final String title;
    private final String description;
    private final List<Argument> arguments;
    private final Getter getter;
    private final Map<String, Completer> completers = new ConcurrentHashMap<>();
    private final Rendered rendered = new Rendered();
    private volatile Access access = Access.OPEN;

    public PromptDefinition(String name, String title, String description, List<Argument> arguments, Getter getter) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A prompt needs a name");
        }
        this.name = name;
        this.title = title == null || title.isBlank() ? null : title;
        this.description = description == null || description.isBlank() ? null : description;
        this.arguments = List.copyOf(arguments);
        Set<String> names = new HashSet<>();
        for (Argument a : this.arguments) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("Prompt '" + name + "': two arguments are named '" + a.name() + "'");
            }
        }
        this.getter = Objects.requireNonNull(getter, "getter");
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Argument> arguments() {
        return arguments;
    }

    public Argument argument(String argName) {
        for (Argument a : arguments) {
            if (a.name().equals(argName)) {
                return a;
            }
        }
        return null;
    }

    public Getter getter() {
        return getter;
    }

    /**
     * Adds the completer of an argument.
     *
     * @throws IllegalArgumentException when the prompt has no such argument or it already has a completer
     */
    public void addCompleter(String argName, Completer completer) {
        if (argument(argName) == null) {
            List<String> names = new ArrayList<>();
            arguments.forEach(a -> names.add(a.name()));
            throw new IllegalArgumentException("Prompt '" + name + "' has no argument '" + argName + "' (it has " + names + ")");
        }
        if (completers.putIfAbsent(argName, Objects.requireNonNull(completer)) != null) {
            throw new IllegalArgumentException("Argument '" + argName + "' of prompt '" + name + "' has two completers");
        }
    }

    public Completer completer(String argName) {
        return completers.get(argName);
    }

    /** The {@code Prompt} object of {@code prompts/list}, with only the fields {@code protocolVersion} knows. */
    public JsonObject toJson(String protocolVersion) {
        return rendered.get(protocolVersion, v -> render(v.compareTo(ProtocolVersion.V2025_06_18) >= 0));
    }

    private JsonObject render(boolean withTitle) {
        JsonObjectBuilder b = Json2.object().add("name", name);
        if (title != null && withTitle) {
            b.add("title", title);
        }
        if (description != null) {
            b.add("description", description);
        }
        if (!arguments.isEmpty()) {
            JsonArrayBuilder args = Json2.array();
            for (Argument a : arguments) {
                JsonObjectBuilder arg = Json2.object().add("name", a.name());
                if (a.description() != null) {
                    arg.add("description", a.description());
                }
                args.add(arg.add("required", a.required()));
            }
            b.add("arguments", args);
        }
        return b.build();
    }

    /** Icons to send besides the definition's own fields; set at deploy time. */
    public PromptDefinition presentation(dev.mcpws.features.Presentation presentation) {
        rendered.presentation(presentation);
        return this;
    }

    @Override
    public Access access() {
        return access;
    }

    /** The scopes a caller needs to see and use it (deploy time, or when registered programmatically). */
    public PromptDefinition access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }
}
