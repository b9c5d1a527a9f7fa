package dev.mcpws.contract;

import dev.mcpws.it.McpIT;
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
