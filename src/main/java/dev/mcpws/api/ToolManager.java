package dev.mcpws.api;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Adds and removes tools at runtime ({@code @Inject ToolManager}). Clients of the legacy era that are connected get
 * {@code notifications/tools/list_changed}.
 */
public interface ToolManager {

    /** Starts the definition of a tool; nothing changes until {@link ToolBuilder#register()}. */
    ToolBuilder newTool(String name);

    /** Removes a tool; true when it existed. */
    boolean removeTool(String name);

    /** The names of all tools, in {@code tools/list} order. */
    List<String> toolNames();

    /** Defines a tool programmatically. Arguments are typed: schema generation and validation work as for {@link Tool}. */
    interface ToolBuilder {
        ToolBuilder title(String title);

        ToolBuilder description(String description);

        ToolBuilder annotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld);

        ToolBuilder argument(String name, Type type, String description, boolean required);

        /** The handler's return value is converted like an annotated tool method's. */
        ToolBuilder handler(ToolHandler handler);

        /**
         * Scopes the caller's token must all carry to see and use it (as {@code scopes} of the annotation); none by
         * default. Throws IllegalArgumentException for a string that is not an RFC 6749 scope token.
         */
        ToolBuilder scopes(String... scopes);

        /** Whether the tool runs as a task ({@link Tool#taskSupport()}); {@code FORBIDDEN} by default. */
        ToolBuilder taskSupport(TaskSupport taskSupport);

        /**
         * Whether the handler is short and non-blocking ({@link Tool#nonBlocking()}): its calls then run on the thread
         * that read them. False by default.
         */
        ToolBuilder nonBlocking(boolean nonBlocking);

        /** Registers (or replaces) the tool. Throws IllegalArgumentException for an invalid definition. */
        void register();
    }

    /** The code of a programmatic tool. */
    @FunctionalInterface
    interface ToolHandler {
        Object call(ToolArguments arguments) throws Exception;
    }

    /** The bound arguments and the request helpers of one call. */
    interface ToolArguments {
        /** The argument, bound to the type it was declared with; null (or Optional.empty()) when absent. */
        <T> T get(String name);

        Progress progress();

        Cancellation cancellation();

        RequestInfo request();
    }
}
