package dev.mcpws.resources;

import dev.mcpws.features.Access;
import dev.mcpws.api.Cancellation;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.ResourceManager;
import dev.mcpws.engine.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@link ResourceManager} behind {@code @Inject ResourceManager}: resources and templates defined at runtime. */
public final class ProgrammaticResources implements ResourceManager {

    private final ResourceRegistry registry;

    public ProgrammaticResources(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ResourceBuilder newResource(String uri) {
        return new Builder(uri);
    }

    @Override
    public TemplateBuilder newTemplate(String uriTemplate) {
        return new TBuilder(uriTemplate);
    }

    @Override
    public boolean removeResource(String uri) {
        return registry.removeResource(uri);
    }

    @Override
    public boolean removeTemplate(String uriTemplate) {
        return registry.removeTemplate(uriTemplate);
    }

    @Override
    public void notifyUpdated(String uri) {
        registry.updated(uri);
    }

    @Override
    public List<String> resourceUris() {
        return List.copyOf(registry.resources().keySet());
    }

    @Override
    public List<String> templateUris() {
        return List.copyOf(registry.templates().keySet());
    }

    private static ResourceReader reader(ResourceHandler handler) {
        ResourceHandler h = Objects.requireNonNull(handler, "handler");
        return (uri, variables, ctx) -> h.read(new Request(uri, variables, ctx));
    }

    private record Request(String uri, Map<String, String> variables, RequestContext ctx) implements ResourceRequest {
        @Override
        public RequestInfo request() {
            return ctx;
        }

        @Override
        public Cancellation cancellation() {
            return ctx.cancellation();
        }
    }

    private final class Builder implements ResourceBuilder {
        private final String uri;
        private String name;
        private String title;
        private String description;
        private String mimeType;
        private Long size;
        private ResourceHandler handler;
        private Access access = Access.OPEN;

        Builder(String uri) {
            this.uri = uri;
        }

        @Override
        public ResourceBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public ResourceBuilder title(String title) {
            this.title = title;
            return this;
        }

        @Override
        public ResourceBuilder description(String description) {
            this.description = description;
            return this;
        }

        @Override
        public ResourceBuilder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        @Override
        public ResourceBuilder size(long size) {
            this.size = size;
            return this;
        }

        @Override
        public ResourceBuilder handler(ResourceHandler handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public ResourceBuilder scopes(String... scopes) {
            this.access = Access.requiring(java.util.Arrays.asList(scopes));
            return this;
        }

        @Override
        public void register() {
            registry.putResource(new ResourceDefinition(uri, name, title, description, mimeType, size, reader(handler))
                    .access(access));
        }
    }

    private final class TBuilder implements TemplateBuilder {
        private final String uriTemplate;
        private String name;
        private String title;
        private String description;
        private String mimeType;
        private ResourceHandler handler;
        private Access access = Access.OPEN;
        private final Map<String, Completer> completers = new LinkedHashMap<>();

        TBuilder(String uriTemplate) {
            this.uriTemplate = uriTemplate;
        }

        @Override
        public TemplateBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public TemplateBuilder title(String title) {
            this.title = title;
            return this;
        }

        @Override
        public TemplateBuilder description(String description) {
            this.description = description;
            return this;
        }

        @Override
        public TemplateBuilder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        @Override
        public TemplateBuilder handler(ResourceHandler handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public TemplateBuilder completion(String variable, Completer completer) {
            if (completers.putIfAbsent(variable, Objects.requireNonNull(completer, "completer")) != null) {
                throw new IllegalArgumentException("Variable '" + variable + "' has two completers");
            }
            return this;
        }

        @Override
        public TemplateBuilder scopes(String... scopes) {
            this.access = Access.requiring(java.util.Arrays.asList(scopes));
            return this;
        }

        @Override
        public void register() {
            TemplateDefinition t = new TemplateDefinition(uriTemplate, name, title, description, mimeType, reader(handler))
                    .access(access);
            completers.forEach((variable, c) -> t.addCompleter(variable, (value, context, ctx) -> c.complete(value, context)));
            registry.putTemplate(t);
        }
    }
}
