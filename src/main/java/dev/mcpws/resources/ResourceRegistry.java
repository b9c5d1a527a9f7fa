package dev.mcpws.resources;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * All resources (sorted by URI) and resource templates (sorted by URI template) of the server: the deterministic
 * list orders. Thread-safe.
 */
public final class ResourceRegistry {

    /** A resolved read: the fixed resource or the template that serves a URI, and the template's variables. */
    public record Resolved(String uri, ResourceDefinition resource, TemplateDefinition template,
                           Map<String, String> variables) {

        public ResourceReader reader() {
            return resource != null ? resource.reader() : template.reader();
        }

        /** The resource or the template. */
        public dev.mcpws.features.Guarded definition() {
            return resource != null ? resource : template;
        }

        public String mimeType() {
            return resource != null ? resource.mimeType() : template.mimeType();
        }

        public String name() {
            return resource != null ? "resource '" + resource.uri() + "'" : "resource template '" + template.uriTemplate() + "'";
        }
    }

    /** Most literal characters first, then by URI template: the most specific of several matching templates wins. */
    private static final Comparator<TemplateDefinition> SPECIFICITY = Comparator
            .comparingInt((TemplateDefinition t) -> -t.template().literalLength())
            .thenComparing(TemplateDefinition::uriTemplate);

    private final ConcurrentSkipListMap<String, ResourceDefinition> resources = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, TemplateDefinition> templates = new ConcurrentSkipListMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> updateListeners = new CopyOnWriteArrayList<>();

    /** Adds or replaces a resource. */
    public void putResource(ResourceDefinition r) {
        resources.put(r.uri(), r);
        changed();
    }

    /** Adds a resource found at deploy time; a second one with the same URI is an error. */
    public void addResource(ResourceDefinition r) {
        if (resources.putIfAbsent(r.uri(), r) != null) {
            throw new IllegalArgumentException("Two resources have the URI '" + r.uri() + "'");
        }
        changed();
    }

    public boolean removeResource(String uri) {
        boolean removed = resources.remove(uri) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    /** Adds or replaces a template. */
    public void putTemplate(TemplateDefinition t) {
        templates.put(t.uriTemplate(), t);
        changed();
    }

    /** Adds a template found at deploy time; a second one with the same URI template is an error. */
    public void addTemplate(TemplateDefinition t) {
        if (templates.putIfAbsent(t.uriTemplate(), t) != null) {
            throw new IllegalArgumentException("Two resource templates are '" + t.uriTemplate() + "'");
        }
        changed();
    }

    public boolean removeTemplate(String uriTemplate) {
        boolean removed = templates.remove(uriTemplate) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    public NavigableMap<String, ResourceDefinition> resources() {
        return resources;
    }

    public NavigableMap<String, TemplateDefinition> templates() {
        return templates;
    }

    /** What serves {@code uri}: the resource with exactly that URI, else the most specific matching template; or null. */
    public Resolved resolve(String uri) {
        ResourceDefinition r = resources.get(uri);
        if (r != null) {
            return new Resolved(uri, r, null, Map.of());
        }
        TemplateDefinition best = null;
        Map<String, String> bestVars = null;
        for (TemplateDefinition t : templates.values()) {
            if (best != null && SPECIFICITY.compare(t, best) >= 0) {
                continue;
            }
            Map<String, String> vars = t.template().match(uri);
            if (vars != null) {
                best = t;
                bestVars = vars;
            }
        }
        return best == null ? null : new Resolved(uri, null, best, bestVars);
    }

    /** The resource or template that serves {@code uri} (whose scopes guard it), or null. */
    public dev.mcpws.features.Guarded guardOf(String uri) {
        Resolved resolved = resolve(uri);
        return resolved == null ? null : resolved.definition();
    }

    /** Runs {@code listener} after every change (add, replace, remove) of a resource or template. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Runs {@code listener} with the URI whenever application code reports that a resource's contents changed. */
    public void onUpdated(Consumer<String> listener) {
        updateListeners.add(listener);
    }

    /** Reports that the contents of {@code uri} changed (subscribers get {@code notifications/resources/updated}). */
    public void updated(String uri) {
        Objects.requireNonNull(uri, "uri");
        updateListeners.forEach(l -> l.accept(uri));
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
