package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fast producer against a slow route: the producer waits, nothing is dropped, in-flight stays bounded. */
class EventBusBackpressureTest extends EventBusTestSupport {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:slow?maxInFlight=100&concurrency=8&partitions=2&capacity=200").routeId("slow")
                        .delay(1).syncDelayed()
                        .process(e -> seen.add(e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class)));
            }
        };
    }

    @Test
    void aSlowRouteSlowsTheProducerDownWithoutLosingAnything() throws Exception {
        int total = 3000;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("slow").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            batch.add(Envelope.builder().aggregateId("s-" + (i % 50)).eventType("Tick").eventVersion(i).payload("{}")
                    .build());
            if (batch.size() == 100) {
                template.sendBody("eventbus:slow?capacity=200&partitions=2", batch);
                batch = new ArrayList<>();
            }
        }
        assertTrue(done.matches(60, TimeUnit.SECONDS));
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("slow").getConsumer();
        assertEquals(total, seen.size());
        assertTrue(consumer.getPeakInFlight() <= 100, "peak in flight " + consumer.getPeakInFlight());
        assertEquals(100, consumer.getPeakInFlight(), "the bound was reached, so backpressure was exercised");
        // acks follow the exchange's completion
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> retained("slow") == 0);
    }
}
