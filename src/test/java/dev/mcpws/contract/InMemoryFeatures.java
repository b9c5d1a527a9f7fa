package dev.mcpws.contract;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceManager;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolManager;
import dev.mcpws.cdi.RequestHelpers;
import dev.mcpws.completion.CompletionIntrospector;
import dev.mcpws.completion.CompletionsFeature;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.features.Guard;
import dev.mcpws.logging.LoggingFeature;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.prompts.PromptIntrospector;
import dev.mcpws.prompts.PromptsFeature;
import dev.mcpws.resources.ProgrammaticResources;
import dev.mcpws.resources.ResourceIntrospector;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.resources.ResourcesFeature;
import dev.mcpws.subscriptions.SubscriptionsFeature;
import dev.mcpws.tools.ProgrammaticTools;
import dev.mcpws.tools.ToolIntrospector;
import dev.mcpws.tools.ToolRegistry;
import dev.mcpws.tools.ToolsFeature;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The real features (tools, resources, prompts, completions, logging, subscriptions) over the same beans the test
 * WAR deploys, built without CDI: each bean is instantiated directly, its {@code @Inject} fields get the same helper
 * objects the CDI producers make ({@link RequestHelpers}, {@code ToolManager}, {@code ResourceManager}), and its
 * annotated methods go through the same introspectors as at deploy time. What only CDI can give
 * ({@code @McpSessionScoped} beans) stays null: those scenarios need {@link Capability#CDI_SESSION_SCOPE}.
 */
public final class InMemoryFeatures {

    public final ToolRegistry tools = new ToolRegistry();
    public final ResourceRegistry resources = new ResourceRegistry();
    public final PromptRegistry prompts = new PromptRegistry();
    public final SubscriptionsFeature subscriptions;
    public final List<ServerFeature> features;

    private final RequestHelpers helpers = new RequestHelpers();

    public InMemoryFeatures(int pageSize, Class<?>... beanClasses) {
        this(pageSize, Guard.HIDE, beanClasses);
    }

    /** @param guard what callers without the scopes of a tool, resource, template or prompt see of it */
    public InMemoryFeatures(int pageSize, Guard guard, Class<?>... beanClasses) {
        List<Object[]> completions = new ArrayList<>();
        for (Class<?> c : beanClasses) {
            Object bean = instantiate(c);
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(Tool.class)) {
                    tools.add(ToolIntrospector.fromMethod(m, args -> invoke(m, bean, args)));
                }
                if (m.isAnnotationPresent(McpResource.class)) {
                    resources.addResource(ResourceIntrospector.resource(m, args -> invoke(m, bean, args)));
                }
                if (m.isAnnotationPresent(ResourceTemplate.class)) {
                    resources.addTemplate(ResourceIntrospector.template(m, args -> invoke(m, bean, args)));
                }
                if (m.isAnnotationPresent(Prompt.class)) {
                    prompts.add(PromptIntrospector.fromMethod(m, args -> invoke(m, bean, args)));
                }
                if (m.isAnnotationPresent(CompletePrompt.class) || m.isAnnotationPresent(CompleteResourceTemplate.class)) {
                    completions.add(new Object[] {m, bean});
                }
            }
        }
        for (Object[] mb : completions) {
            Method m = (Method) mb[0];
            CompletionIntrospector.Found f = CompletionIntrospector.fromMethod(m, args -> invoke(m, mb[1], args));
            if (f.prompt()) {
                prompts.get(f.ref()).addCompleter(f.argument(), f.completer());
            } else {
                resources.templates().get(f.ref()).addCompleter(f.argument(), f.completer());
            }
        }
        subscriptions = new SubscriptionsFeature(16, SubscriptionsFeature.DEFAULT_MAX_URIS, resources::guardOf, guard);
        features = List.of(new ToolsFeature(tools, pageSize, guard), new ResourcesFeature(resources, pageSize, guard),
                new PromptsFeature(prompts, pageSize, guard), new CompletionsFeature(prompts, resources, guard),
                new LoggingFeature(),
                subscriptions);
        tools.onChange(subscriptions::toolsListChanged);
        resources.onChange(subscriptions::resourcesListChanged);
        resources.onUpdated(subscriptions::resourceUpdated);
    }

    private static Object invoke(Method m, Object bean, Object[] args) throws Throwable {
        try {
            return m.invoke(bean, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object instantiate(Class<?> c) {
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object bean = ctor.newInstance();
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Inject.class)) {
                    f.setAccessible(true);
                    f.set(bean, helper(f.getType()));
                }
            }
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + c, e);
        }
    }

    /** What CDI would inject for {@code type}; null for what only a CDI container has. */
    private Object helper(Class<?> type) throws ReflectiveOperationException {
        if (type == ToolManager.class) {
            return new ProgrammaticTools(tools);
        }
        if (type == ResourceManager.class) {
            return new ProgrammaticResources(resources);
        }
        for (Method producer : RequestHelpers.class.getDeclaredMethods()) {
            if (producer.getReturnType() == type && producer.getParameterCount() == 0) {
                producer.setAccessible(true);
                return producer.invoke(helpers);
            }
        }
        return null;
    }
}
