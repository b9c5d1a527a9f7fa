package dev.mcpws.example;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Progress;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolException;
import jakarta.enterprise.context.ApplicationScoped;

/** A long task that reports progress after every step and stops as soon as the client cancels it. */
@ApplicationScoped
public class SlowTask {

    @Tool(name = "slow_task", title = "Slow task",
            description = "Works through a number of steps, reporting progress after each; can be cancelled.",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true,
                    openWorldHint = false))
    public String slowTask(@ToolArg(description = "How many steps (1-1000)", defaultValue = "10") int steps,
                           @ToolArg(description = "Milliseconds per step (0-10000)", defaultValue = "200") long stepMillis,
                           Progress progress, Cancellation cancellation) throws InterruptedException {
        if (steps < 1 || steps > 1000) {
            throw new ToolException("steps must be between 1 and 1000, was " + steps);
        }
        if (stepMillis < 0 || stepMillis > 10_000) {
            throw new ToolException("stepMillis must be between 0 and 10000, was " + stepMillis);
        }
        for (int i = 1; i <= steps; i++) {
            cancellation.throwIfCancelled();
            Thread.sleep(stepMillis);
            progress.report(i, (double) steps, "step " + i + " of " + steps);
        }
        return "Completed " + steps + " steps";
    }
}
