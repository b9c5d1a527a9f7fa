package dev.mcpws.tools;

import dev.mcpws.features.Access;
import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.ToolManager;
import jakarta.json.JsonObject;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@link ToolManager} behind {@code @Inject ToolManager}: tools defined in code at runtime. */
public final class ProgrammaticTools implements ToolManager {

    private final ToolRegistry registry;

    public ProgrammaticTools(ToolRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ToolBuilder newTool(String name) {
        return new Builder(name);
    }

    @Override
    public boolean removeTool(String name) {
        return registry.remove(name);
    }

    @Override
    public List<String> toolNames() {
        return List.copyOf(registry.after(null).keySet());
    }

    private final class Builder implements ToolBuilder {
        private final String name;
        private String title;
        private String description;
        private JsonObject annotations;
        private final List<ToolParam> params = new ArrayList<>();
        private final List<String> argNames = new ArrayList<>();
        private ToolHandler handler;
        private Access access = Access.OPEN;
        private dev.mcpws.api.TaskSupport taskSupport = dev.mcpws.api.TaskSupport.FORBIDDEN;
        private boolean nonBlocking;

        Builder(String name) {
            this.name = name;
            // the handler receives the helpers after the typed arguments
        }

        @Override
        public ToolBuilder title(String title) {
            this.title = title;
            return this;
        }

        @Override
        public ToolBuilder description(String description) {
            this.description = description;
            return this;
        }

        @Override
        public ToolBuilder annotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
            this.annotations = ToolDefinition.annotations(null, readOnly, destructive, idempotent, openWorld);
            return this;
        }

        @Override
        public ToolBuilder argument(String argName, Type type, String argDescription, boolean required) {
            if (argNames.contains(argName)) {
                throw new IllegalArgumentException("Tool '" + name + "': argument '" + argName + "' declared twice");
            }
            params.add(ToolIntrospector.argument(argName, type, argDescription, required, "", "Tool '" + name + "'"));
            argNames.add(argName);
            return this;
        }

        @Override
        public ToolBuilder handler(ToolHandler toolHandler) {
            this.handler = toolHandler;
            return this;
        }

        @Override
        public ToolBuilder scopes(String... scopes) {
            this.access = Access.requiring(java.util.Arrays.asList(scopes));
            return this;
        }

        @Override
        public ToolBuilder taskSupport(dev.mcpws.api.TaskSupport support) {
            this.taskSupport = Objects.requireNonNull(support, "taskSupport");
            return this;
        }

        @Override
        public ToolBuilder nonBlocking(boolean nonBlocking) {
            this.nonBlocking = nonBlocking;
            return this;
        }

        @Override
        public void register() {
            ToolHandler h = Objects.requireNonNull(handler, "handler");
            List<ToolParam> all = new ArrayList<>(params);
            all.add(new ToolParam.Helper(ToolParam.Kind.PROGRESS));
            all.add(new ToolParam.Helper(ToolParam.Kind.CANCELLATION));
            all.add(new ToolParam.Helper(ToolParam.Kind.REQUEST_INFO));
            List<String> names = List.copyOf(argNames);
            int n = names.size();
            registry.put(new ToolDefinition(name, title, description, annotations, all, null,
                    args -> h.call(new Arguments(names, args, n))).access(access).taskSupport(taskSupport)
                    .nonBlocking(nonBlocking));
        }
    }

    private record Arguments(List<String> names, Object[] values, int n) implements ToolArguments {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(String argName) {
            int i = names.indexOf(argName);
            if (i < 0) {
                throw new IllegalArgumentException("No argument named " + argName);
            }
            return (T) values[i];
        }

        @Override
        public Progress progress() {
            return (Progress) values[n];
        }

        @Override
        public Cancellation cancellation() {
            return (Cancellation) values[n + 1];
        }

        @Override
        public RequestInfo request() {
            return (RequestInfo) values[n + 2];
        }
    }
}
