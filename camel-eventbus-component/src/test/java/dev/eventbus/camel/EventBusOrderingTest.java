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

/** 100,000 events over 1,000 aggregates through 16 lanes and an asynchronous route step. */
class EventBusOrderingTest extends EventBusTestSupport {

    private static final int AGGREGATES = 1000;
    private static final int VERSIONS = 100;

    private final OrderChecker checker = new OrderChecker();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                checker.checkedAsyncStep(from("eventbus:ordered?concurrency=16&maxInFlight=2000").routeId("ordered"));
            }
        };
    }

    @Test
    void noEventIsLostOrReorderedAndInjectedDuplicatesAreSkipped() throws Exception {
        int total = AGGREGATES * VERSIONS;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ordered").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        List<Envelope> sentEarlier = new ArrayList<>();
        int duplicates = 0;
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                Envelope e = Envelope.builder().aggregateId("order-" + a).eventType("LineAdded").eventVersion(v)
                        .payload("{\"line\":" + v + ",\"aggregate\":" + a + "}").build();
                batch.add(e);
                if (v == 10 && a % 10 == 0) {
                    sentEarlier.add(e);
                }
                if (batch.size() == 500) {
                    template.sendBody("eventbus:ordered", batch);
                    batch = new ArrayList<>();
                }
            }
            if (v == 50) {
                // redeliver copies of version 10 of every tenth aggregate, as a retrying producer would
                template.sendBody("eventbus:ordered", sentEarlier);
                duplicates += sentEarlier.size();
            }
        }
        template.sendBody("eventbus:ordered", batch);

        assertTrue(done.matches(120, TimeUnit.SECONDS), "only " + checker.completed.get() + " of " + total + " completed");
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("ordered").getConsumer();
        // the route's last step counts; NotifyBuilder saw the exchanges complete, so this converges at once unless
        // an event was lost (then the message names the aggregates that miss events)
        await().atMost(10, TimeUnit.SECONDS).failFast(() -> checker.completed.get() > total)
                .untilAsserted(() -> assertEquals(total, checker.completed.get(), () -> "stats " + consumer.getStats()
                        + ", aggregates behind: " + java.util.stream.IntStream.range(0, AGGREGATES)
                        .filter(a -> checker.lastVersion("order-" + a) != VERSIONS)
                        .mapToObj(a -> "order-" + a + "@" + checker.lastVersion("order-" + a)).toList()));
        assertEquals(0, checker.violations.get(), "order violations");
        assertEquals(0, checker.overlaps.get(), "events of one aggregate processed at the same time");
        for (int a = 0; a < AGGREGATES; a++) {
            assertEquals(VERSIONS, checker.lastVersion("order-" + a));
        }
        assertEquals(duplicates, consumer.getStats().duplicatesSkipped());
        // the lane counts an event after its exchange completed, a moment after NotifyBuilder saw it complete
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(total, consumer.getStats().processed()));
        assertTrue(consumer.getPeakInFlight() <= 2000);
    }
}
