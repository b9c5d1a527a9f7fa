package dev.mcpws.resources;

import dev.mcpws.engine.RequestContext;
import java.util.Map;

/**
 * Reads one resource: the code behind a resource or template, called with the URI read and the template variables
 * (empty for a fixed resource). Returns what the application returned (converted by {@link ResourceResults}).
 */
@FunctionalInterface
public interface ResourceReader {

    Object read(String uri, Map<String, String> variables, RequestContext request) throws Throwable;
}
