package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 200,000 events over 1,000 aggregates, 8 partitions and 32 lanes with an asynchronous step: none lost, none reordered. */
class KafkaOrderingIT extends KafkaITSupport {

    private static final int AGGREGATES = 1000;
    private static final int VERSIONS = 200;

    private final OrderChecker checker = new OrderChecker();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                checker.checkedAsyncStep(
                        from("eventbus:" + topic + "?groupId=ordering&partitions=8&concurrency=32&maxInFlight=2000")
                                .routeId("ordered"));
            }
        };
    }

    @Test
    void noEventIsLostOrReordered() throws Exception {
        int total = AGGREGATES * VERSIONS;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ordered").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("order-" + a).eventType("LineAdded").eventVersion(v)
                        .payload("{\"line\":" + v + ",\"aggregate\":" + a + "}").build());
                if (batch.size() == 1000) {
                    template.sendBody("eventbus:" + topic, batch);
                    batch = new ArrayList<>();
                }
            }
        }
        assertTrue(done.matches(180, TimeUnit.SECONDS), "only " + checker.completed.get() + " of " + total + " completed");
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("ordered").getConsumer();
        // NotifyBuilder saw the exchanges complete; the route's last step has counted them too unless one was lost
        await().atMost(10, TimeUnit.SECONDS).failFast(() -> checker.completed.get() > total)
                .untilAsserted(() -> assertEquals(total, checker.completed.get(), () -> "stats " + consumer.getStats()));
        assertEquals(0, checker.violations.get(), "order violations");
        assertEquals(0, checker.overlaps.get(), "events of one aggregate processed at the same time");
        for (int a = 0; a < AGGREGATES; a++) {
            assertEquals(VERSIONS, checker.lastVersion("order-" + a));
        }
        // the lane counts an event after its exchange completed, a moment after NotifyBuilder saw it complete
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(total, consumer.getStats().processed()));
        assertTrue(consumer.getPeakInFlight() <= 2000);
    }
}
