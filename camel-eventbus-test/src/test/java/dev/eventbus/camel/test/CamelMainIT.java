package dev.eventbus.camel.test;

import java.time.Duration;
import java.util.UUID;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.envelope.TestEnvelopes;
import dev.eventbus.camel.test.junit.EventBusNats;
import dev.eventbus.camel.test.nats.NatsServer;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A camel-main test: the extension publishes the server as {@code camel.component.eventbus.*} system properties,
 * which camel-main binds to the component, as it would from application.properties.
 */
@EventBusNats(systemProperties = true)
@CamelMainTest
class CamelMainIT {

    private static final String TOPIC = "kit-main-" + UUID.randomUUID().toString().substring(0, 8);

    NatsServer server;

    @Produce
    ProducerTemplate template;

    @EndpointInject("mock:projected")
    MockEndpoint projected;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + TOPIC + "?groupId=main").routeId("projection").to("mock:projected");
            }
        });
    }

    @Test
    void propertiesFromTheExtensionReachTheComponent() throws Exception {
        CamelContext camel = template.getCamelContext();
        EventBusComponent component = camel.getComponent("eventbus", EventBusComponent.class);
        assertEquals(TransportType.nats, component.getConfiguration().getTransport());
        assertEquals(server.serverUrl(), component.getConfiguration().getServers());

        projected.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}");
        TestEnvelopes.history("cart-1", 2).forEach(e -> template.sendBody("eventbus:" + TOPIC, e));

        projected.assertIsSatisfied(30_000);
        ConsumerIdle.await(camel, Duration.ofSeconds(10));
    }
}
