package dev.mcpws.features;

import dev.mcpws.api.CompletionContext;
import dev.mcpws.engine.RequestContext;

/** Suggests values for one prompt argument or template variable; returns a list of strings or a stage of one. */
@FunctionalInterface
public interface Completer {
    Object complete(String value, CompletionContext context, RequestContext request) throws Throwable;
}
