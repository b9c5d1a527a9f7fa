package dev.mcpws;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package map of docs/architecture.md as rules: api, protocol and diagnostics stand alone; the engine knows no
 * transport, container glue or client; the features know no transport or container glue; the client carries no server
 * code; nothing depends on the examples; the two transports do not know each other; OpenTelemetry is known only to
 * the observability package and the client's optional propagation; Redis only to the cluster's Redis bus. Main code
 * only.
 */
@AnalyzeClasses(packages = "dev.mcpws", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String OURS = "dev.mcpws..";

    /** The feature packages: one handler per feature area, their registries and their shared plumbing. */
    private static final String[] FEATURES = {"dev.mcpws.tools..", "dev.mcpws.resources..", "dev.mcpws.prompts..",
            "dev.mcpws.completion..", "dev.mcpws.logging..", "dev.mcpws.subscriptions..", "dev.mcpws.features..",
            "dev.mcpws.schema.."};

    @ArchTest
    static final ArchRule apiDependsOnNothingInternal = noClasses().that().resideInAPackage("dev.mcpws.api..")
            .should().dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("dev.mcpws.api.."))))
            .because("application code sees only dev.mcpws.api");

    @ArchTest
    static final ArchRule protocolDependsOnNothingInternal = noClasses().that().resideInAPackage("dev.mcpws.protocol..")
            .should().dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("dev.mcpws.protocol.."))))
            .because("the message model is shared by server and client");

    @ArchTest
    static final ArchRule diagnosticsDependsOnNothingInternal = noClasses().that()
            .resideInAPackage("dev.mcpws.diagnostics..")
            .should().dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage("dev.mcpws.diagnostics.."))))
            .because("every package may log through the catalogue");

    @ArchTest
    static final ArchRule taskStateKnowsOnlyTheMessageModel = noClasses().that().resideInAPackage("dev.mcpws.tasks..")
            .should().dependOnClassesThat(resideInAPackage(OURS)
                    .and(not(resideInAnyPackage("dev.mcpws.tasks..", "dev.mcpws.protocol..", "dev.mcpws.diagnostics.."))))
            .because("a task store (in memory, or shared by a cluster) keeps plain data, not engine objects");

    @ArchTest
    static final ArchRule engineKnowsNoTransportGlueOrClient = noClasses().that().resideInAPackage("dev.mcpws.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mcpws.transport..", "dev.mcpws.cdi..",
                    "dev.mcpws.observability..", "dev.mcpws.auth..", "dev.mcpws.client..", "jakarta.websocket..",
                    "jakarta.servlet..")
            .because("nothing below the engine knows about sockets, servlets or the container");

    @ArchTest
    static final ArchRule onlyObservabilityAndTheClientKnowOpenTelemetry = noClasses().that()
            .resideOutsideOfPackages("dev.mcpws.observability..", "dev.mcpws.client..")
            .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
            .because("the engine traces through RequestTracer; OpenTelemetry is one implementation of it");

    @ArchTest
    static final ArchRule onlyTheRedisBusKnowsRedis = noClasses().that().resideOutsideOfPackage("dev.mcpws.cluster.redis..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..", "reactor..")
            .because("cluster mode is off by default: Lettuce is loaded only through dev.mcpws.cluster.redis");

    @ArchTest
    static final ArchRule clusterKnowsNoEngineOrFeatures = noClasses().that().resideInAPackage("dev.mcpws.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage(java.util.stream.Stream.concat(
                    java.util.Arrays.stream(FEATURES), java.util.stream.Stream.of("dev.mcpws.engine..",
                            "dev.mcpws.transport..", "dev.mcpws.cdi..", "dev.mcpws.observability..", "dev.mcpws.auth..",
                            "dev.mcpws.client..")).toArray(String[]::new))
            .because("the cluster carries events; the container glue (McpServer) maps them to deliveries");

    @ArchTest
    static final ArchRule featuresKnowNoTransportOrGlue = noClasses().that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage("dev.mcpws.transport..", "dev.mcpws.cdi..",
                    "dev.mcpws.observability..", "dev.mcpws.auth..")
            .because("a feature handler works on the engine's request context only");

    @ArchTest
    static final ArchRule clientCarriesNoServerCode = noClasses().that().resideInAPackage("dev.mcpws.client..")
            .should().dependOnClassesThat(resideInAPackage(OURS)
                    .and(not(resideInAnyPackage("dev.mcpws.client..", "dev.mcpws.protocol.."))))
            .because("the client jar shares only dev.mcpws.protocol with the server");

    @ArchTest
    static final ArchRule nothingDependsOnTheExamples = noClasses().that().resideOutsideOfPackage("dev.mcpws.example..")
            .should().dependOnClassesThat().resideInAPackage("dev.mcpws.example..")
            .because("the examples are optional (mcp.examples.enabled)");

    @ArchTest
    static final ArchRule examplesUseTheApiOnly = noClasses().that().resideInAPackage("dev.mcpws.example..")
            .should().dependOnClassesThat(resideInAPackage(OURS)
                    .and(not(resideInAnyPackage("dev.mcpws.api..", "dev.mcpws.example.."))))
            .because("the examples are written as an application would write them");

    @ArchTest
    static final ArchRule webSocketKnowsNotHttp = noClasses().that().resideInAPackage("dev.mcpws.transport.websocket..")
            .should().dependOnClassesThat().resideInAPackage("dev.mcpws.transport.http..")
            .because("what both bindings share belongs in dev.mcpws.transport");

    @ArchTest
    static final ArchRule httpKnowsNotWebSocket = noClasses().that().resideInAPackage("dev.mcpws.transport.http..")
            .should().dependOnClassesThat().resideInAPackage("dev.mcpws.transport.websocket..")
            .because("what both bindings share belongs in dev.mcpws.transport");

    @ArchTest
    static final ArchRule sharedTransportKnowsNoBinding = noClasses().that().resideInAPackage("dev.mcpws.transport")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mcpws.transport.websocket..", "dev.mcpws.transport.http..")
            .because("the shared registry, limits and Origin policy serve both bindings alike");
}
