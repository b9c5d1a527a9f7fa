package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a CDI bean as an MCP tool. Parameters annotated with {@link ToolArg} (or plain parameters,
 * named by their Java name when compiled with {@code -parameters}) become the tool's {@code inputSchema};
 * parameters of type {@link Progress}, {@link Cancellation} or {@link RequestInfo} are supplied by the server.
 *
 * <p>The return value may be a {@code String}, a {@link Content} block, a {@code List<Content>}, a {@link ToolResult},
 * a record/POJO (sent as {@code structuredContent} with a generated {@code outputSchema}), {@code void}, or a
 * {@code CompletionStage} of any of these. Throw {@link ToolException} for a business failure
 * ({@code isError: true}); any other exception is an internal error (-32603) whose details never reach the client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** The tool name; defaults to the method name. */
    String name() default "";

    /** A human-readable title (2025-06-18 and later). */
    String title() default "";

    String description() default "";

    /** Execution timeout in milliseconds, replacing {@code mcp.request.timeout-ms} for this tool; 0 = the default. */
    long timeoutMs() default 0;

    /**
     * Whether the tool runs as a task (2026-07-28 {@code io.modelcontextprotocol/tasks}): {@code OPTIONAL} makes a call
     * that declares the extension a task, {@code REQUIRED} refuses calls without it (-32021). Sent as
     * {@code execution.taskSupport} in {@code tools/list} (2025-11-25 and later). A {@link TaskControl} parameter lets
     * the method start the task itself, after asking for input.
     */
    TaskSupport taskSupport() default TaskSupport.FORBIDDEN;

    /** Behaviour hints for clients; only sent when declared. */
    Annotations annotations() default @Annotations(declared = false);

    /** Tool annotations (hints). Defaults are the specification's defaults. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Annotations {
        /** Internal: false only for the "not declared" default value. */
        boolean declared() default true;

        String title() default "";

        boolean readOnlyHint() default false;

        boolean destructiveHint() default true;

        boolean idempotentHint() default false;

        boolean openWorldHint() default true;
    }

    /** Icons for clients of 2025-11-25 and later. */
    Icon[] icons() default {};

    /**
     * Scopes the caller's token must all carry to see and use this tool (added to the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method or its class). A caller without them (or without
     * a token) does not find it in lists and gets "not found" when it names it, unless {@code mcp.auth.forbidden} is
     * {@code challenge}. Empty: everybody.
     */
    String[] scopes() default {};
}
