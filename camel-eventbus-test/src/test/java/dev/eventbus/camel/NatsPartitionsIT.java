package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.OrderChecker;
import dev.eventbus.camel.transport.KeyHash;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances (CamelContexts) of one group split a 4-partition topic (0-1 and 2-3): each aggregate is processed by
 * exactly one instance, in order; the producer publishes to subjects {@code <topic>.<hash mod 4>}.
 */
class NatsPartitionsIT extends NatsTestSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 50;

    private final OrderChecker checker = new OrderChecker();
    private final Map<String, Set<String>> instancesOfAggregate = new ConcurrentHashMap<>();

    private RouteBuilder instance(String name, String partitions) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=split&partitions=4&concurrency=8&consumePartitions=" + partitions)).routeId(name)
                        .process(e -> {
                            String aggregate = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
                            instancesOfAggregate.computeIfAbsent(aggregate, a -> ConcurrentHashMap.newKeySet())
                                    .add(name);
                            checker.begin(aggregate,
                                    e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class));
                        })
                        .delay(simple("${random(0,2)}")).asyncDelayed()
                        .process(
                                e -> checker.end(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                        e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
            }
        };
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return instance("a", "0-1");
    }

    @Test
    void twoInstancesSplitThePartitionsAndEachAggregateStaysInOrderOnOne() throws Exception {
        try (CamelContext second = new DefaultCamelContext()) {
            second.addRoutes(instance("b", "2,3"));
            second.start();
            List<Envelope> batch = new ArrayList<>();
            for (int v = 1; v <= VERSIONS; v++) {
                for (int a = 0; a < AGGREGATES; a++) {
                    batch.add(Envelope.builder().aggregateId("order-" + a).eventType("LineAdded").eventVersion(v)
                            .payload("{}").build());
                }
                template.sendBody(nats("partitions=4"), batch);
                batch.clear();
            }

            await().atMost(60, TimeUnit.SECONDS).until(() -> checker.completed.get() == AGGREGATES * VERSIONS);
            assertEquals(0, checker.violations.get(), "order violations");
            assertEquals(0, checker.overlaps.get());
            for (int a = 0; a < AGGREGATES; a++) {
                String aggregate = "order-" + a;
                String expected = KeyHash.partition(aggregate, 4) < 2 ? "a" : "b";
                assertEquals(Set.of(expected), instancesOfAggregate.get(aggregate), aggregate);
                assertEquals(VERSIONS, checker.lastVersion(aggregate));
            }
            assertTrue(instancesOfAggregate.values().stream().anyMatch(s -> s.contains("a")));
            assertTrue(instancesOfAggregate.values().stream().anyMatch(s -> s.contains("b")));
            // the stream has one subject per partition, never a wildcard that would swallow <topic>.dlq
            assertEquals(List.of(topic + ".0", topic + ".1", topic + ".2", topic + ".3"),
                    jsm().getStreamInfo(topic.toUpperCase()).getConfiguration().getSubjects());
            assertEquals(Set.of("split-p0", "split-p1", "split-p2", "split-p3"),
                    Set.copyOf(jsm().getConsumerNames(topic.toUpperCase())));
        }
    }
}
