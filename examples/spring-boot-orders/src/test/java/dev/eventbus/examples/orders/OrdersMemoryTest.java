package dev.eventbus.examples.orders;

import java.time.Duration;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service as configured by application.yml alone (memory transport): 10,000 order events, in order per order. */
@CamelSpringBootTest
@SpringBootTest(classes = OrdersApplication.class)
@ActiveProfiles("test")
@DirtiesContext
class OrdersMemoryTest {

    static {
        BrokersWarmUp.begin();
    }

    @Autowired
    private CamelContext context;
    @Autowired
    private ProducerTemplate template;
    @Autowired
    private OrderBook orderBook;

    @Test
    void theYamlRouteProjectsTenThousandEventsInOrderPerOrder() {
        EventBusConfiguration live = OrderTraffic.projectionConsumer(context);
        assertEquals(TransportType.memory, live.getTransport());
        assertEquals(8, live.getConcurrency(), "camel.component.eventbus.concurrency of application.yml");
        assertEquals(2000, live.getMaxInFlight(), "camel.component.eventbus.max-in-flight of application.yml");

        OrderTraffic.publish(template, 100, 100);

        OrderTraffic.assertProjectedInOrder(orderBook, 100, 100, Duration.ofSeconds(30));
    }
}
