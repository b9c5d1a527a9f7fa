package dev.mcpws.tools;

import dev.mcpws.features.Access;
import dev.mcpws.features.Guarded;
import java.util.Objects;
import dev.mcpws.features.Invoker;
import dev.mcpws.features.Rendered;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.ProtocolVersion;
import dev.mcpws.schema.JsonType;
import dev.mcpws.schema.JsonTypes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tool as the server knows it: metadata, its parameters, the generated schemas, and how to invoke it.
 * Everything here is computed once, when the tool is registered; {@link #toJson(String)} is cached per version.
 */
public final class ToolDefinition implements Guarded {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final String name;
    private final String title;
    private final String description;
    private final JsonObject annotations;
    private final List<ToolParam> params;
    private final JsonObject inputSchema;
    private final JsonType output;
    private final JsonObject outputSchema;
    private final Invoker invoker;
    private final Rendered rendered = new Rendered();
    private volatile Access access = Access.OPEN;
    private long timeoutMs;
    private dev.mcpws.api.TaskSupport taskSupport = dev.mcpws.api.TaskSupport.FORBIDDEN;
    private boolean startsOwnTask;
    /** Declared non-blocking and not demoted (see {@link #nonBlocking(boolean)}). */
    private volatile boolean nonBlocking;

    /**
     * @param output the type of structured results (a record, POJO or Map), or null when results are plain content
     */
    public ToolDefinition(String name, String title, String description, JsonObject annotations,
                          List<ToolParam> params, JsonType output, Invoker invoker) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid tool name '" + name + "': use 1-128 characters of [A-Za-z0-9_.-]");
        }
        this.name = name;
        this.title = blankToNull(title);
        this.description = blankToNull(description);
        this.annotations = annotations;
        this.params = List.copyOf(params);
        this.invoker = invoker;
        List<JsonTypes.Property> properties = new ArrayList<>();
        for (ToolParam p : this.params) {
            if (p instanceof ToolParam.Argument a) {
                properties.add(new JsonTypes.Property(a.name(), a.type(), a.description(), a.required(), a.defaultValue()));
            }
        }
        JsonObject schema = JsonTypes.objectSchema(properties);
        this.inputSchema = schema.containsKey("additionalProperties") ? schema
                : Json2.object(schema).add("additionalProperties", false).build();
        this.output = output;
        this.outputSchema = output == null ? null : output.schema();
        this.startsOwnTask = this.params.stream().anyMatch(p -> p instanceof ToolParam.Helper h
                && h.kind() == ToolParam.Kind.TASK);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String name() {
        return name;
    }

    public List<ToolParam> params() {
        return params;
    }

    public JsonObject inputSchema() {
        return inputSchema;
    }

    public JsonType output() {
        return output;
    }

    public JsonObject outputSchema() {
        return outputSchema;
    }

    public Invoker invoker() {
        return invoker;
    }

    /** The tool's own execution timeout in ms; 0 = the server default. */
    public long timeoutMs() {
        return timeoutMs;
    }

    /** Sets the tool's own execution timeout (deploy time). */
    public ToolDefinition timeoutMs(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("timeoutMs must be >= 0");
        }
        this.timeoutMs = millis;
        return this;
    }

    /** Whether the tool runs as a task (deploy time). */
    public dev.mcpws.api.TaskSupport taskSupport() {
        return taskSupport;
    }

    /** Sets whether the tool runs as a task (deploy time, before the tool is listed). */
    public ToolDefinition taskSupport(dev.mcpws.api.TaskSupport support) {
        this.taskSupport = Objects.requireNonNull(support, "taskSupport");
        return this;
    }

    /**
     * True while calls run on the thread that read them ({@code @Tool(nonBlocking = true)}, not demoted since).
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /**
     * Declares the tool short and non-blocking (deploy time, after {@link #taskSupport}): its calls run on the thread
     * that read them, without the hop to the worker pool. A tool that asks the client (elicitation, sampling, roots:
     * in the legacy era it waits for the answer, which the same thread would have to read) or runs as a task cannot
     * be non-blocking: IllegalArgumentException.
     */
    public ToolDefinition nonBlocking(boolean nonBlocking) {
        if (nonBlocking) {
            for (ToolParam p : params) {
                if (p instanceof ToolParam.Helper h && (h.kind() == ToolParam.Kind.ELICITATION
                        || h.kind() == ToolParam.Kind.SAMPLING || h.kind() == ToolParam.Kind.ROOTS
                        || h.kind() == ToolParam.Kind.TASK)) {
                    throw new IllegalArgumentException("a non-blocking tool cannot take " + h.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " (it waits for the client); drop nonBlocking or the parameter");
                }
            }
            if (taskSupport != dev.mcpws.api.TaskSupport.FORBIDDEN) {
                throw new IllegalArgumentException("a non-blocking tool cannot run as a task; drop nonBlocking or taskSupport");
            }
        }
        this.nonBlocking = nonBlocking;
        return this;
    }

    /** The tool ran past the inline budget: its calls run on the worker pool from now on. True when it was inline. */
    public boolean demote() {
        boolean was = nonBlocking;
        nonBlocking = false;
        return was;
    }

    /** True when the method takes a {@code TaskControl}: it starts its task itself. */
    public boolean startsOwnTask() {
        return startsOwnTask;
    }

    /** True when the client may repeat a call safely (read-only or idempotent by its annotations). */
    public boolean idempotent() {
        return annotations != null && (annotations.getBoolean("readOnlyHint", false)
                || annotations.getBoolean("idempotentHint", false));
    }

    /** The {@code Tool} object of {@code tools/list}, with only the fields {@code protocolVersion} knows. */
    public JsonObject toJson(String protocolVersion) {
        String level = protocolVersion.compareTo(ProtocolVersion.V2025_06_18) >= 0 ? "2025-06-18"
                : protocolVersion.compareTo(ProtocolVersion.V2025_03_26) >= 0 ? "2025-03-26" : "2024-11-05";
        boolean execution = protocolVersion.compareTo(ProtocolVersion.V2025_11_25) >= 0;
        return rendered.get(protocolVersion, v -> render(level, execution));
    }

    private JsonObject render(String level, boolean execution) {
        JsonObjectBuilder b = Json2.object().add("name", name);
        boolean v0618 = level.equals("2025-06-18");
        if (title != null && v0618) {
            b.add("title", title);
        }
        if (description != null) {
            b.add("description", description);
        }
        b.add("inputSchema", inputSchema);
        if (outputSchema != null && v0618) {
            b.add("outputSchema", outputSchema);
        }
        if (annotations != null && !level.equals("2024-11-05")) {
            b.add("annotations", annotations);
        }
        if (execution && taskSupport != dev.mcpws.api.TaskSupport.FORBIDDEN) {
            b.add("execution", Json2.object().add("taskSupport", taskSupport.wire()));
        }
        return b.build();
    }

    /** Builds the {@code annotations} object of a tool. */
    public static JsonObject annotations(String title, boolean readOnly, boolean destructive, boolean idempotent,
                                         boolean openWorld) {
        JsonObjectBuilder b = Json2.object();
        if (title != null && !title.isBlank()) {
            b.add("title", title);
        }
        return b.add("readOnlyHint", readOnly).add("destructiveHint", destructive)
                .add("idempotentHint", idempotent).add("openWorldHint", openWorld).build();
    }

    /** Icons (and, for resources, annotations) to send besides the definition's own fields; set at deploy time. */
    public ToolDefinition presentation(dev.mcpws.features.Presentation presentation) {
        rendered.presentation(presentation);
        return this;
    }

    @Override
    public Access access() {
        return access;
    }

    /** The scopes a caller needs to see and use it (deploy time, or when registered programmatically). */
    public ToolDefinition access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }
}
