package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

/**
 * 100,000 events over 1,000 aggregates through NATS, 32 lanes and an asynchronous route step with random delays: none
 * lost, none out of order; after the context stopped no eventbus or jnats thread is left.
 */
class NatsOrderingIT extends NatsTestSupport {

    private static final int AGGREGATES = 1000;
    private static final int VERSIONS = 100;

    private final OrderChecker checker = new OrderChecker();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=ordered&concurrency=32&maxInFlight=2000")).routeId("ordered")
                        .process(e -> checker.begin(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)))
                        // asynchronous step: the exchange continues on the delayer's thread 0-1 ms later
                        .delay(simple("${random(0,2)}")).asyncDelayed()
                        .process(e -> checker.end(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
            }
        };
    }

    @Test
    void noEventIsLostOrReorderedAndNoThreadIsLeftAfterStop() throws Exception {
        int total = AGGREGATES * VERSIONS;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ordered").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("order-" + a).eventType("LineAdded").eventVersion(v)
                        .payload("{\"line\":" + v + ",\"aggregate\":" + a + "}").build());
                if (batch.size() == 500) {
                    template.sendBody(nats(""), batch);
                    batch = new ArrayList<>();
                }
            }
        }

        assertTrue(done.matches(120, TimeUnit.SECONDS), "only " + checker.completed.get() + " of " + total + " completed");
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("ordered").getConsumer();
        assertEquals(0, checker.violations.get(), "order violations");
        assertEquals(0, checker.overlaps.get(), "events of one aggregate processed at the same time");
        assertEquals(total, checker.completed.get());
        for (int a = 0; a < AGGREGATES; a++) {
            assertEquals(VERSIONS, checker.lastVersion("order-" + a));
        }
        // the lane counts an event after its exchange completed, a moment after NotifyBuilder saw it complete
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(total, consumer.getStats().processed()));
        assertTrue(consumer.getPeakInFlight() <= 2000);
        // every message was acked: nothing pending on the durable
        await().atMost(10, TimeUnit.SECONDS).until(() -> jsm().getConsumerInfo(topic.toUpperCase(), "ordered")
                .getNumAckPending() == 0);
        closePlain();
        assertTrue(clientThreads().stream().anyMatch(n -> n.startsWith("nats:") || n.startsWith("pool-")), "jnats threads are recognised: "
                                                                                  + clientThreads());
        assertTrue(clientThreads().contains("eventbus-poll-" + topic + "-ordered-1"), clientThreads().toString());

        context.stop();

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(Set.of(), clientThreads()));
    }
}
