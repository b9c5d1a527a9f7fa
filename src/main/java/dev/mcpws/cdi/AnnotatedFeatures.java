package dev.mcpws.cdi;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.completion.CompletionIntrospector;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.features.Invoker;
import dev.mcpws.prompts.PromptDefinition;
import dev.mcpws.prompts.PromptIntrospector;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.resources.ResourceIntrospector;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.resources.TemplateDefinition;
import dev.mcpws.tools.ToolIntrospector;
import dev.mcpws.tools.ToolRegistry;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one place that discovers annotated methods of CDI beans: tools ({@link Tool}), resources, resource templates,
 * prompts and completions ({@link McpResource}, {@link ResourceTemplate}, {@link Prompt}, {@link CompletePrompt},
 * {@link CompleteResourceTemplate}). {@link McpExtension} hands it every method while beans are processed; the
 * definitions are built once, after deployment validation.
 */
final class AnnotatedFeatures {

    private static final Logger LOG = Logger.getLogger(AnnotatedFeatures.class.getName());

    /** The annotations this class collects (the examples veto observes them too). */
    static final List<Class<? extends java.lang.annotation.Annotation>> ANNOTATIONS = List.of(Tool.class,
            McpResource.class, ResourceTemplate.class, Prompt.class, CompletePrompt.class, CompleteResourceTemplate.class);

    private final ToolRegistry tools = new ToolRegistry();
    private final ResourceRegistry resources = new ResourceRegistry();
    private final PromptRegistry prompts = new PromptRegistry();
    private final List<Found> found = new ArrayList<>();

    private record Found(Bean<?> bean, Method method) {
    }

    private static boolean isFeature(Method m) {
        return ANNOTATIONS.stream().anyMatch(a -> a != Tool.class && m.isAnnotationPresent(a));
    }

    /** Keeps {@code method} when it carries one of {@link #ANNOTATIONS}. */
    void collect(Bean<?> bean, Method method) {
        for (Class<? extends java.lang.annotation.Annotation> a : ANNOTATIONS) {
            if (method.isAnnotationPresent(a)) {
                found.add(new Found(bean, method));
                return;
            }
        }
    }

    /**
     * Builds the definitions; every definition that cannot be built is reported to {@code problems} with a message
     * naming it: {@link Messages#TOOL_INVALID} for a tool, {@link Messages#FEATURE_INVALID} for the others. Tools come
     * first; completions are attached last, to the prompts and templates found.
     */
    void build(BiFunction<Bean<?>, Method, Invoker> invokers, Consumer<Throwable> problems) {
        for (Found f : found) {
            if (f.method().isAnnotationPresent(Tool.class)) {
                try {
                    tools.add(ToolIntrospector.fromMethod(f.method(), invokers.apply(f.bean(), f.method())));
                } catch (IllegalArgumentException e) {
                    problems.accept(new IllegalStateException(Messages.TOOL_INVALID.format(e.getMessage()), e));
                }
            }
        }
        Messages.TOOLS_FOUND.log(LOG, null, tools.size(), tools.after(null).keySet());
        List<Found> completions = new ArrayList<>();
        for (Found f : found) {
            Method m = f.method();
            if (!isFeature(m)) {
                continue;
            }
            try {
                Invoker invoker = null;
                if (m.isAnnotationPresent(McpResource.class)) {
                    invoker = invokers.apply(f.bean(), m);
                    resources.addResource(ResourceIntrospector.resource(m, invoker));
                }
                if (m.isAnnotationPresent(ResourceTemplate.class)) {
                    invoker = invoker != null ? invoker : invokers.apply(f.bean(), m);
                    resources.addTemplate(ResourceIntrospector.template(m, invoker));
                }
                if (m.isAnnotationPresent(Prompt.class)) {
                    invoker = invoker != null ? invoker : invokers.apply(f.bean(), m);
                    prompts.add(PromptIntrospector.fromMethod(m, invoker));
                }
                if (m.isAnnotationPresent(CompletePrompt.class) || m.isAnnotationPresent(CompleteResourceTemplate.class)) {
                    completions.add(f);
                }
            } catch (IllegalArgumentException e) {
                problems.accept(new IllegalStateException(Messages.FEATURE_INVALID.format(e.getMessage()), e));
            }
        }
        for (Found f : completions) {
            try {
                CompletionIntrospector.Found c = CompletionIntrospector.fromMethod(f.method(), invokers.apply(f.bean(), f.method()));
                if (c.prompt()) {
                    PromptDefinition p = prompts.get(c.ref());
                    if (p == null) {
                        throw new IllegalArgumentException(c.where() + ": there is no prompt named '" + c.ref() + "'");
                    }
                    p.addCompleter(c.argument(), c.completer());
                } else {
                    TemplateDefinition t = resources.templates().get(c.ref());
                    if (t == null) {
                        throw new IllegalArgumentException(c.where() + ": there is no resource template '" + c.ref() + "'");
                    }
                    t.addCompleter(c.argument(), c.completer());
                }
            } catch (IllegalArgumentException e) {
                problems.accept(new IllegalStateException(Messages.FEATURE_INVALID.format(e.getMessage()), e));
            }
        }
        Messages.FEATURES_FOUND.log(LOG, null, resources.resources().size(), resources.templates().size(), prompts.size());
        found.clear();
    }

    ToolRegistry tools() {
        return tools;
    }

    ResourceRegistry resources() {
        return resources;
    }

    PromptRegistry prompts() {
        return prompts;
    }
}
