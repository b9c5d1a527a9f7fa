package dev.mcpws.testing;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor for engine tests that decides itself what {@link #execute} does (run on the calling thread, keep the
 * task, ...); its life cycle is a flag: nothing runs in the background, so it is terminated as soon as it is shut down.
 */
public abstract class TestExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    /** Runs every task on the thread that submits it (the engine's whole path on one thread). */
    public static TestExecutor inline() {
        return new TestExecutor() {
            @Override
            public void execute(Runnable command) {
                command.run();
            }
        };
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
