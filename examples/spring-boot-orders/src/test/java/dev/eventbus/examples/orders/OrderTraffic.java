package dev.eventbus.examples.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Publishes order events through the application's YAML route and checks what the order book made of them. */
final class OrderTraffic {

    private static final int BATCH = 100;

    private OrderTraffic() {
    }

    /**
     * Publishes versions 1..{@code versions} of {@code orders} orders, interleaved (every order's version 1, then every
     * order's version 2, ...), in batches of 100 through {@code direct:publish-order-events}.
     */
    static void publish(ProducerTemplate template, int orders, int versions) {
        List<Envelope> batch = new ArrayList<>(BATCH);
        for (int version = 1; version <= versions; version++) {
            for (int order = 0; order < orders; order++) {
                batch.add(Envelope.builder().aggregateId("order-" + order)
                        .eventType(version == 1 ? "OrderPlaced" : "LineAdded").eventVersion(version)
                        .payload("{\"orderId\":\"order-" + order + "\",\"line\":" + version + "}").build());
                if (batch.size() == BATCH) {
                    template.sendBody("direct:publish-order-events", batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            template.sendBody("direct:publish-order-events", batch);
        }
    }

    /** Waits until every event is applied, then asserts: none out of order, none overlapping, every order complete. */
    static void assertProjectedInOrder(OrderBook book, int orders, int versions, Duration timeout) {
        long expected = (long) orders * versions;
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> book.applied() >= expected);
        assertEquals(expected, book.applied(), "events applied");
        assertEquals(0, book.outOfOrder(), "events out of order");
        assertEquals(0, book.overlapping(), "events of one order applied at once");
        assertEquals(orders, book.size(), "orders");
        for (int order = 0; order < orders; order++) {
            assertEquals(versions, book.version("order-" + order), "last version of order-" + order);
        }
    }

    /** The configuration of the running projection consumer, as the eventbus component built it. */
    static EventBusConfiguration projectionConsumer(CamelContext context) {
        EventBusConsumer consumer = assertInstanceOf(EventBusConsumer.class,
                context.getRoute("project-order-events").getConsumer());
        return consumer.getEndpoint().getConfiguration();
    }
}
