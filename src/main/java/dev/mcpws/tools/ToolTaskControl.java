package dev.mcpws.tools;

import dev.mcpws.api.TaskControl;
import dev.mcpws.api.TaskSupport;
import dev.mcpws.engine.RequestContext;

/** The {@link TaskControl} of one tool call: starts the call's task through the engine, if the tool allows tasks. */
record ToolTaskControl(RequestContext ctx, TaskSupport support) implements TaskControl {

    @Override
    public boolean start() {
        return support != TaskSupport.FORBIDDEN && ctx.startTask();
    }

    @Override
    public boolean isTask() {
        return ctx.isTask();
    }

    @Override
    public void status(String message) {
        ctx.taskStatus(message);
    }
}
