package dev.eventbus.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A version gap in one aggregate holds that aggregate's later events (resequencing), but never the whole consumer:
 * past half of maxInFlight held events, further ones go back to the server for a later redelivery, so other
 * aggregates keep flowing; once the gap is filled, the aggregate is processed in order.
 */
class NatsVersionGapIT extends NatsTestSupport {

    private final Map<String, List<Long>> processed = new ConcurrentHashMap<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=gap&maxInFlight=20&concurrency=4&resequenceTimeout=60000")).routeId("gap")
                        .process(e -> processed.computeIfAbsent(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID,
                                String.class), k -> new CopyOnWriteArrayList<>())
                                .add(e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
            }
        };
    }

    @Test
    void aGapInOneAggregateDoesNotHoldTheOthers() throws Exception {
        // the aggregate a-1 is known to the consumer at version 1; version 2 is missing
        template.sendBodyAndHeaders(nats(""), "{}", event("a-1", "T", 1));
        await().atMost(10, TimeUnit.SECONDS).until(() -> processed.containsKey("a-1"));
        for (long v = 3; v <= 32; v++) {
            template.sendBodyAndHeaders(nats(""), "{}", event("a-1", "T", v));
        }
        for (long v = 1; v <= 5; v++) {
            template.sendBodyAndHeaders(nats(""), "{}", event("b-1", "T", v));
        }
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("gap").getConsumer();
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(5,
                processed.getOrDefault("b-1", List.of()).size(), () -> consumer.getStats() + " in flight "
                        + consumer.getInFlight()));
        assertTrue(consumer.getStats().deferred() > 0, consumer.getStats().toString());
        assertEquals(List.of(1L), processed.get("a-1"), "nothing of a-1 overtook the gap");

        template.sendBodyAndHeaders(nats(""), "{}", event("a-1", "T", 2));
        await().atMost(30, TimeUnit.SECONDS).until(() -> processed.get("a-1").size() == 32);
        assertEquals(LongStream.rangeClosed(1, 32).boxed().toList(), processed.get("a-1"));
    }
}
