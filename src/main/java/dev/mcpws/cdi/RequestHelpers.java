package dev.mcpws.cdi;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.McpLog;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.ResourceManager;
import dev.mcpws.api.ToolManager;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.logging.RequestLog;
import dev.mcpws.resources.ProgrammaticResources;
import dev.mcpws.tools.ProgrammaticTools;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonObject;
import java.security.Principal;

/**
 * Lets application beans {@code @Inject} the request helpers. The injected objects look up the request being served
 * on the calling thread at every call, so they work in beans of any scope.
 */
@ApplicationScoped
public class RequestHelpers {

    private static RequestContext current() {
        RequestContext ctx = RequestContext.current();
        if (ctx == null) {
            throw new IllegalStateException("MCPWS0305E: no MCP request is being served on this thread");
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
    ToolManager toolManager(McpExtension extension) {
        return new ProgrammaticTools(extension.tools());
    }

    @Produces
    @Dependent
    ResourceManager resourceManager(McpExtension extension) {
        return new ProgrammaticResources(extension.resources());
    }
}
