package dev.mcpws.it;

import dev.mcpws.contract.Capability;
import dev.mcpws.contract.CompletionsContract;
import dev.mcpws.contract.ContractDeployment;
import dev.mcpws.contract.ErasContract;
import dev.mcpws.contract.ErrorsContract;
import dev.mcpws.contract.InputContract;
import dev.mcpws.contract.LoggingContract;
import dev.mcpws.contract.ProgressCancellationContract;
import dev.mcpws.contract.PromptsContract;
import dev.mcpws.contract.ResourcesContract;
import dev.mcpws.contract.SubscriptionsContract;
import dev.mcpws.contract.ToolsContract;
import dev.mcpws.contract.WebSocketWire;
import dev.mcpws.contract.Wire;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The contract suite over WebSocket, against the test WAR on Open Liberty (one deployment for all scenarios). */
@RunAsClient
public class WebSocketContractIT extends McpIT implements ToolsContract, ResourcesContract, PromptsContract,
        CompletionsContract, LoggingContract, SubscriptionsContract, ProgressCancellationContract, InputContract,
        ErasContract, ErrorsContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ContractDeployment.war();
    }

    @Override
    public Wire wire() {
        return new WebSocketWire(wsUri());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CDI_SESSION_SCOPE, Capability.CONNECTION);
    }
}
