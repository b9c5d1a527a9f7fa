package dev.mcpws.tasks;

/** The contract of a task store, in memory (both "nodes" are the one store of this process). */
class InMemoryTaskStoreContractTest extends TaskStoreContract {

    private final InMemoryTaskStore store = new InMemoryTaskStore();

    @Override
    protected TaskStore node() {
        return store;
    }

    @Override
    protected TaskStore otherNode() {
        return store;
    }
}
