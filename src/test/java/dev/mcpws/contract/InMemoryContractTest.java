package dev.mcpws.contract;

import dev.mcpws.example.Calculator;
import dev.mcpws.example.CodeReview;
import dev.mcpws.example.EchoTool;
import dev.mcpws.example.SlowTask;
import dev.mcpws.example.WorldClock;
import dev.mcpws.it.fixtures.FixtureInput;
import dev.mcpws.it.fixtures.FixtureNotifications;
import dev.mcpws.it.fixtures.FixturePrompts;
import dev.mcpws.it.fixtures.FixtureResources;
import dev.mcpws.it.fixtures.FixtureTools;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract suite in memory: a real engine with the real features and the test WAR's beans, configured like
 * the contract deployment ({@link ContractDeployment}), no CDI, no sockets. Each test gets a fresh server.
 */
class InMemoryContractTest implements ToolsContract, ResourcesContract, PromptsContract, CompletionsContract,
        LoggingContract, SubscriptionsContract, ProgressCancellationContract, InputContract, ErasContract, ErrorsContract {

    private final InMemoryWire.Server server = new InMemoryWire.Server(ContractDeployment.PAGE_SIZE,
            ContractDeployment.MAX_IN_FLIGHT, 1_000, ContractDeployment.MRTR_SECRET,
            EchoTool.class, Calculator.class, SlowTask.class, CodeReview.class, WorldClock.class,
            FixtureTools.class, FixtureResources.class, FixturePrompts.class, FixtureNotifications.class, FixtureInput.class);

    @Override
    public Wire wire() {
        return server.connect();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CONNECTION);
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
