package dev.mcpws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.mcpws.engine.EngineListener;
import dev.mcpws.transport.TransportListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The transports and the engine call their listeners for every message and keep what a listener bean hands them
 * ({@code unproxiedTransportListener()}, {@code unproxiedEngineListener()}), which must not be its CDI client proxy.
 * Weld's client proxy runs an inherited default method on the proxy, and hands back the proxy when a forwarded method
 * returns the instance; so a listener bean must declare the method and return a forwarder to itself
 * ({@code new FanOut(List.of(this))}). Seen on Open Liberty 26.0.0.3: with the default inherited, and again with
 * {@code return this}, both listener beans handed over their proxies, and every message paid the proxy's lookup of
 * the instance.
 */
@AnalyzeClasses(packages = "dev.mcpws", importOptions = ImportOption.DoNotIncludeTests.class)
class ListenerBeansTest {

    @ArchTest
    static final ArchRule transportListenerBeansHandOverThemselves = classes().that()
            .implement(TransportListener.class).and().areAnnotatedWith(ApplicationScoped.class)
            .should(returnAForwarder("unproxiedTransportListener", TransportListener.FanOut.class));

    @ArchTest
    static final ArchRule engineListenerBeansHandOverThemselves = classes().that()
            .implement(EngineListener.class).and().areAnnotatedWith(ApplicationScoped.class)
            .should(returnAForwarder("unproxiedEngineListener", EngineListener.FanOut.class));

    private static ArchCondition<JavaClass> returnAForwarder(String method, Class<?> forwarder) {
        return new ArchCondition<>("declare " + method + "() and create a " + forwarder.getSimpleName() + " in it") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean ok = c.getMethods().stream()
                        .filter(m -> m.getName().equals(method) && m.getRawParameterTypes().isEmpty())
                        .anyMatch(m -> m.getConstructorCallsFromSelf().stream()
                                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(forwarder)));
                events.add(new SimpleConditionEvent(c, ok, c.getName() + (ok ? " hands over " : " does not hand over ")
                        + "a " + forwarder.getSimpleName() + " in its own " + method + "()"));
            }
        };
    }
}
