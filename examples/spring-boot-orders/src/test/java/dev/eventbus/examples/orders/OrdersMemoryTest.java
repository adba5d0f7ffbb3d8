package dev.eventbus.examples.orders;

import java.time.Duration;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service as configured by application.yml alone (memory transport): 10,000 order events, in order per order. */
@ActiveProfiles("test")
class OrdersMemoryTest extends OrdersServiceTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void theYamlRouteProjectsTenThousandEventsInOrderPerOrder() {
        EventBusConfiguration live = OrderTraffic.projectionConsumer(context);
        assertEquals(TransportType.memory, live.getTransport());
        assertEquals(8, live.getConcurrency(), "camel.component.eventbus.concurrency of application.yml");
        assertEquals(2000, live.getMaxInFlight(), "camel.component.eventbus.max-in-flight of application.yml");

        OrderTraffic.publish(template, 100, 100);

        OrderTraffic.assertProjectedInOrder(orderBook, 100, 100, Duration.ofSeconds(30));
        // the component found Spring Boot's MeterRegistry by itself
        await().untilAsserted(() -> assertEquals(10_000, meters.get("eventbus.consumer.events")
                .tags("outcome", "processed", "transport", "memory").functionCounter().count()));
        assertEquals(0, meters.get("eventbus.consumer.events").tags("outcome", "dead-lettered").functionCounter()
                .count());
    }
}
