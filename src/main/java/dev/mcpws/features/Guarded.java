package dev.mcpws.features;

/** A definition (tool, resource, template, prompt) whose use may require scopes. */
public interface Guarded {

    /** What its caller needs; {@link Access#OPEN} by default. */
    Access access();
}
