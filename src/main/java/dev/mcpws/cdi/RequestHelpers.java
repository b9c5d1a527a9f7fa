package dev.mcpws.cdi;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.McpLog;
import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.Roots;
import dev.mcpws.api.Sampling;
import dev.mcpws.api.SamplingResult;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.ResourceManager;
import dev.mcpws.api.ToolManager;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.logging.RequestLog;
import dev.mcpws.resources.ProgrammaticResources;
import dev.mcpws.tools.ProgrammaticTools;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonObject;
import java.security.Principal;
import java.util.List;

/**
 * Lets application beans {@code @Inject} the request helpers. The injected objects look up the request being served
 * on the calling thread at every call, so they work in beans of any scope.
 */
@ApplicationScoped
public class RequestHelpers {

    private static RequestContext current() {
        RequestContext ctx = RequestContext.current();
        if (ctx == null) {
            throw new IllegalStateException(Messages.NO_REQUEST_ON_THREAD.format());
        }
        return ctx;
    }

    @Produces
    @Dependent
    Progress progress() {
        return new Progress() {
            @Override
            public boolean isRequested() {
                return current().progress().isRequested();
            }

            @Override
            public void report(double progress, Double total, String message) {
                current().progress().report(progress, total, message);
            }
        };
    }

    @Produces
    @Dependent
    Cancellation cancellation() {
        return new Cancellation() {
            @Override
            public boolean isCancelled() {
                return current().cancellation().isCancelled();
            }

            @Override
            public String reason() {
                return current().cancellation().reason();
            }
        };
    }

    @Produces
    @Dependent
    RequestInfo requestInfo() {
        return new RequestInfo() {
            @Override
            public String protocolVersion() {
                return current().protocolVersion();
            }

            @Override
            public JsonObject clientCapabilities() {
                return current().clientCapabilities();
            }

            @Override
            public JsonObject clientInfo() {
                return current().clientInfo();
            }

            @Override
            public JsonObject meta() {
                return current().meta();
            }

            @Override
            public Principal principal() {
                return current().principal();
            }

            @Override
            public String connectionId() {
                return current().connectionId();
            }
        };
    }

    @Produces
    @Dependent
    McpLog log() {
        return RequestLog.lookingUp(RequestHelpers::current);
    }

    @Produces
    @Dependent
    Elicitation elicitation() {
        return new Elicitation() {
            @Override
            public boolean isSupported() {
                return current().elicitation().isSupported();
            }

            @Override
            public boolean isUrlSupported() {
                return current().elicitation().isUrlSupported();
            }

            @Override
            public ElicitResult form(String message, JsonObject requestedSchema) {
                return current().elicitation().form(message, requestedSchema);
            }

            @Override
            public ElicitResult form(String key, String message, JsonObject requestedSchema) {
                return current().elicitation().form(key, message, requestedSchema);
            }

            @Override
            public java.util.function.Supplier<ElicitResult> formLater(String key, String message, JsonObject schema) {
                return current().elicitation().formLater(key, message, schema);
            }

            @Override
            public ElicitResult url(String message, String url, String elicitationId) {
                return current().elicitation().url(message, url, elicitationId);
            }

            @Override
            public void complete(String elicitationId) {
                current().elicitation().complete(elicitationId);
            }
        };
    }

    @Produces
    @Dependent
    Sampling sampling() {
        return new Sampling() {
            @Override
            public boolean isSupported() {
                return current().sampling().isSupported();
            }

            @Override
            public SamplingResult createMessage(JsonObject params) {
                return current().sampling().createMessage(params);
            }

            @Override
            public SamplingResult ask(String prompt, int maxTokens) {
                return current().sampling().ask(prompt, maxTokens);
            }

            @Override
            public java.util.function.Supplier<SamplingResult> askLater(String key, String prompt, int maxTokens) {
                return current().sampling().askLater(key, prompt, maxTokens);
            }
        };
    }

    @Produces
    @Dependent
    Roots roots() {
        return new Roots() {
            @Override
            public boolean isSupported() {
                return current().roots().isSupported();
            }

            @Override
            public List<Root> list() {
                return current().roots().list();
            }

            @Override
            public java.util.function.Supplier<List<Root>> listLater(String key) {
                return current().roots().listLater(key);
            }
        };
    }

    @Produces
    @Dependent
    dev.mcpws.api.ClientPing clientPing() {
        return () -> current().pingClient();
    }

    @Produces
    @Dependent
    ToolManager toolManager(McpExtension extension) {
        return new ProgrammaticTools(extension.tools());
    }

    @Produces
    @Dependent
    ResourceManager resourceManager(McpExtension extension) {
        return new ProgrammaticResources(extension.resources());
    }
}
