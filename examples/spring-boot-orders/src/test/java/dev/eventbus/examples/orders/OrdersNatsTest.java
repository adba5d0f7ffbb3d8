package dev.eventbus.examples.orders;

import java.time.Duration;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.nats.NatsTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same service with the profile {@code nats}, against a real nats-server with JetStream (test support). */
@ActiveProfiles({"nats", "test"})
class OrdersNatsTest extends OrdersServiceTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.eventbus.servers", NatsTestServer::url);
    }

    @Test
    void theServiceRunsOnNats() {
        EventBusConfiguration live = OrderTraffic.projectionConsumer(context);
        assertEquals(TransportType.nats, live.getTransport());
        assertEquals(NatsTestServer.url(), live.getServers());
        assertEquals(8, live.getPartitions(), "the nats profile's partitions");

        OrderTraffic.publish(template, 20, 50);

        OrderTraffic.assertProjectedInOrder(orderBook, 20, 50, Duration.ofSeconds(30));
    }
}
