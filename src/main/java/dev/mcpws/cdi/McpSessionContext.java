package dev.mcpws.cdi;

import dev.mcpws.api.McpSessionScoped;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.RequestContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDI context of {@link McpSessionScoped}: instances live in the {@link McpSession} of the request being served
 * on the current thread and are destroyed when that connection closes.
 */
public final class McpSessionContext implements AlterableContext {

    @Override
    public Class<? extends Annotation> getScope() {
        return McpSessionScoped.class;
    }

    @Override
    public boolean isActive() {
        return RequestContext.current() != null;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return store().get(contextual, creationalContext);
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return store().get(contextual, null);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        store().destroy(contextual);
    }

    private static BeanStore store() {
        RequestContext ctx = RequestContext.current();
        if (ctx == null) {
            throw new ContextNotActiveException(Messages.SESSION_SCOPE_INACTIVE.format());
        }
        McpSession session = ctx.session();
        return (BeanStore) session.attributes().computeIfAbsent(BeanStore.class, k -> {
            BeanStore store = new BeanStore();
            session.onClose(store::destroyAll);
            return store;
        });
    }

    /** The instances of one connection. */
    private static final class BeanStore {
        private record Entry<T>(T instance, CreationalContext<T> cc) {
        }

        private final Map<Contextual<?>, Entry<?>> entries = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T get(Contextual<T> contextual, CreationalContext<T> cc) {
            Entry<T> e = (Entry<T>) entries.get(contextual);
            if (e != null || cc == null) {
                return e == null ? null : e.instance();
            }
            synchronized (this) {
                e = (Entry<T>) entries.get(contextual);
                if (e == null) {
                    e = new Entry<>(contextual.create(cc), cc);
                    entries.put(contextual, e);
                }
                return e.instance();
            }
        }

        @SuppressWarnings("unchecked")
        <T> void destroy(Contextual<T> contextual) {
            Entry<T> e = (Entry<T>) entries.remove(contextual);
            if (e != null) {
                contextual.destroy(e.instance(), e.cc());
            }
        }

        void destroyAll() {
            for (Contextual<?> c : entries.keySet()) {
                destroy(c);
            }
        }
    }
}
