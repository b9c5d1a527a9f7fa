package dev.mcpws.api;

import java.util.List;
import java.util.Map;

/**
 * Adds and removes resources and resource templates at runtime ({@code @Inject ResourceManager}). Connected clients
 * of the legacy era, and 2026-07-28 {@code subscriptions/listen} streams that asked for it, get
 * {@code notifications/resources/list_changed}. {@link #notifyUpdated} tells subscribers that contents changed.
 */
public interface ResourceManager {

    /** Starts the definition of a resource with a fixed URI; nothing changes until {@link ResourceBuilder#register()}. */
    ResourceBuilder newResource(String uri);

    /** Starts the definition of a resource template (RFC 6570 levels 1-2). */
    TemplateBuilder newTemplate(String uriTemplate);

    /** Removes a resource; true when it existed. */
    boolean removeResource(String uri);

    /** Removes a resource template; true when it existed. */
    boolean removeTemplate(String uriTemplate);

    /**
     * Reports that the contents of the resource {@code uri} changed: legacy clients that {@code resources/subscribe}d
     * to exactly this URI, and {@code subscriptions/listen} streams naming it, get {@code notifications/resources/updated}.
     * Any URI may be reported (also one served by a template); nothing is sent when nobody subscribed to it.
     */
    void notifyUpdated(String uri);

    /** The URIs of all resources, in {@code resources/list} order. */
    List<String> resourceUris();

    /** The URI templates of all templates, in {@code resources/templates/list} order. */
    List<String> templateUris();

    /** Defines a resource. */
    interface ResourceBuilder {
        /** Defaults to the URI. */
        ResourceBuilder name(String name);

        ResourceBuilder title(String title);

        ResourceBuilder description(String description);

        ResourceBuilder mimeType(String mimeType);

        ResourceBuilder size(long size);

        /** The handler's return value is converted like an {@link McpResource} method's. */
        ResourceBuilder handler(ResourceHandler handler);

        /**
         * Scopes the caller's token must all carry to see and use it (as {@code scopes} of the annotation); none by
         * default. Throws IllegalArgumentException for a string that is not an RFC 6749 scope token.
         */
        ResourceBuilder scopes(String... scopes);

        /** Registers (or replaces) the resource. Throws IllegalArgumentException for an invalid definition. */
        void register();
    }

    /** Defines a resource template. */
    interface TemplateBuilder {
        /** Defaults to the URI template. */
        TemplateBuilder name(String name);

        TemplateBuilder title(String title);

        TemplateBuilder description(String description);

        TemplateBuilder mimeType(String mimeType);

        /** The handler's return value is converted like a {@link ResourceTemplate} method's. */
        TemplateBuilder handler(ResourceHandler handler);

        /**
         * Scopes the caller's token must all carry to see and use it (as {@code scopes} of the annotation); none by
         * default. Throws IllegalArgumentException for a string that is not an RFC 6749 scope token.
         */
        TemplateBuilder scopes(String... scopes);

        /** Completes a variable of the template ({@code completion/complete}). */
        TemplateBuilder completion(String variable, Completer completer);

        /** Registers (or replaces) the template. Throws IllegalArgumentException for an invalid definition. */
        void register();
    }

    /** Reads a resource. */
    @FunctionalInterface
    interface ResourceHandler {
        Object read(ResourceRequest request) throws Exception;
    }

    /** One read: the URI, the template variables (decoded strings; empty for a fixed resource), the request. */
    interface ResourceRequest {
        String uri();

        Map<String, String> variables();

        RequestInfo request();

        Cancellation cancellation();
    }

    /** Suggests values for a template variable. */
    @FunctionalInterface
    interface Completer {
        List<String> complete(String value, CompletionContext context) throws Exception;
    }
}
