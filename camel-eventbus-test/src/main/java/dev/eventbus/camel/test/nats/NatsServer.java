package dev.eventbus.camel.test.nats;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;

/**
 * A NATS JetStream server a test talks to: a local process ({@link NatsTestServer}), a container, or a remote server.
 * Get the one shared by the test JVM from {@link NatsServers#shared()} or have the JUnit extension inject it.
 */
public interface NatsServer {

    /** The URL to give a client, e.g. {@code nats://127.0.0.1:40123}. */
    String serverUrl();

    /** Where this server comes from. */
    Provider provider();

    /**
     * Points the eventbus component of {@code camel} at this server (transport nats and servers), as
     * {@code camel.component.eventbus.*} would; call it in {@code CamelTestSupport.createCamelContext()}.
     */
    default void configure(CamelContext camel) {
        EventBusConfiguration config = camel.getComponent("eventbus", EventBusComponent.class).getConfiguration();
        config.setTransport(TransportType.nats);
        config.setServers(serverUrl());
    }
}
