package dev.eventbus.camel.test.junit;

import java.util.Map;

import dev.eventbus.camel.test.nats.NatsServer;
import dev.eventbus.camel.test.nats.NatsServers;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a test the NATS JetStream server shared by the test JVM ({@link NatsServers#shared()}: remote, Testcontainers
 * or a local {@code nats-server -js}, logged once). Use {@link EventBusNats @EventBusNats} on the class, or register
 * it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static NatsServerExtension nats = NatsServerExtension.withSystemProperties();
 * }</pre>
 *
 * Fields and parameters of type {@link NatsServer} are injected.
 */
public final class NatsServerExtension extends BrokerExtension<NatsServer> {

    /** The extension without system properties (also what {@code @ExtendWith} creates). */
    public NatsServerExtension() {
        super(NatsServer.class);
    }

    /**
     * An extension that also sets {@code camel.component.eventbus.transport=nats} and
     * {@code camel.component.eventbus.servers} as system properties while the test class runs.
     */
    public static NatsServerExtension withSystemProperties() {
        NatsServerExtension extension = new NatsServerExtension();
        extension.enableSystemProperties();
        return extension;
    }

    @Override
    public NatsServer broker() {
        return NatsServers.shared();
    }

    @Override
    Map<String, String> properties(NatsServer server) {
        return Map.of("camel.component.eventbus.transport", "nats",
                "camel.component.eventbus.servers", server.serverUrl());
    }

    @Override
    boolean annotatedForSystemProperties(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, EventBusNats.class).map(EventBusNats::systemProperties)
                .orElse(false);
    }
}
