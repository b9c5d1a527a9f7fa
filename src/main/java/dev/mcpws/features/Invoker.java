package dev.mcpws.features;

/** Calls the application method behind a tool, resource, prompt or completion with its bound parameters (in declaration order). */
@FunctionalInterface
public interface Invoker {
    Object invoke(Object[] args) throws Throwable;
}
