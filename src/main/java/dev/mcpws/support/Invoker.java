package dev.mcpws.support;

/** Calls the application code behind a resource, prompt or completion with its bound parameters. */
@FunctionalInterface
public interface Invoker {
    Object invoke(Object[] args) throws Throwable;
}
