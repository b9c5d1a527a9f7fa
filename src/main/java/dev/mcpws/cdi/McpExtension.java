package dev.mcpws.cdi;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.features.Invoker;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.tools.ToolRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Method;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The portable extension: hands every method of every managed bean to {@link AnnotatedFeatures}, which finds the
 * tools, resources, prompts and completions and builds their definitions (schemas included) once; registers the
 * {@code @McpSessionScoped} context. A broken definition fails the deployment with a clear message.
 */
public class McpExtension implements Extension {

    static final String EXAMPLES_PACKAGE = "dev.mcpws.example";

    private final AnnotatedFeatures features = new AnnotatedFeatures();
    private volatile boolean ready;

    /** Drops the example tools (and resources, prompts) when {@code mcp.examples.enabled=false}. */
    <T> void examples(@Observes @WithAnnotations({Tool.class, McpResource.class, ResourceTemplate.class, Prompt.class,
            CompletePrompt.class, CompleteResourceTemplate.class}) ProcessAnnotatedType<T> pat) {
        if (pat.getAnnotatedType().getJavaClass().getPackageName().equals(EXAMPLES_PACKAGE)
                && !ConfigProvider.getConfig().getOptionalValue("mcp.examples.enabled", Boolean.class).orElse(true)) {
            pat.veto();
        }
    }

    <T> void collect(@Observes ProcessManagedBean<T> pmb) {
        for (AnnotatedMethod<? super T> m : pmb.getAnnotatedBeanClass().getMethods()) {
            features.collect(pmb.getBean(), m.getJavaMember());
        }
    }

    void addContext(@Observes AfterBeanDiscovery abd) {
        abd.addContext(new McpSessionContext());
    }

    void build(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        features.build((bean, method) -> invoker(bm, bean, method), adv::addDeploymentProblem);
        ready = true;
    }

    /** The tools found at deploy time (and those added later through the programmatic API). */
    public ToolRegistry tools() {
        if (!ready) {
            throw new IllegalStateException("The MCP tool registry is not built yet");
        }
        return features.tools();
    }

    /** The resources and resource templates found at deploy time (and those added later through the programmatic API). */
    public ResourceRegistry resources() {
        checkReady();
        return features.resources();
    }

    /** The prompts found at deploy time. */
    public PromptRegistry prompts() {
        checkReady();
        return features.prompts();
    }

    private void checkReady() {
        if (!ready) {
            throw new IllegalStateException("The MCP registries are not built yet");
        }
    }

    private static Invoker invoker(BeanManager bm, Bean<?> bean, Method method) {
        if (!method.trySetAccessible()) {
            throw new IllegalArgumentException(method + " is not accessible");
        }
        if (bean.getScope() == Dependent.class) {
            return args -> {
                CreationalContext<?> cc = bm.createCreationalContext(bean);
                try {
                    return method.invoke(bm.getReference(bean, bean.getBeanClass(), cc), args);
                } finally {
                    cc.release();
                }
            };
        }
        // a normal-scoped bean: its client proxy finds the right instance (per connection for @McpSessionScoped)
        Object[] proxy = new Object[1];
        return args -> {
            Object target = proxy[0];
            if (target == null) {
                target = bm.getReference(bean, bean.getBeanClass(), bm.createCreationalContext(bean));
                proxy[0] = target;
            }
            return method.invoke(target, args);
        };
    }
}
