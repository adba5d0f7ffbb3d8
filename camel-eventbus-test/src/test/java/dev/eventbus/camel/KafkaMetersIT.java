package dev.eventbus.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.metrics.MeterNames;
import dev.eventbus.camel.testsupport.Events;
import dev.eventbus.camel.testsupport.ThreadCensus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters against the real Kafka broker, with a SimpleMeterRegistry bound in the Camel registry: the lag shows the
 * backlog while the route is blocked (from the consumer's fetch metadata: a paused partition's lag is that of its last
 * fetch) and falls to 0 after, the outcome counters and the publish timer count, and the Kafka clients'
 * own meters (kafka.consumer.*, kafka.producer.*) are there while the route runs and gone after the context stopped.
 */
class KafkaMetersIT extends KafkaITSupport {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final String blockedTopic = topic + "-blocked";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("meters", registry);
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=meters&partitions=2&maxDeliveries=2&redeliveryDelay=10")
                        .routeId("outcomes")
                        .process(e -> {
                            if (e.getMessage().getBody(String.class).contains("fails")) {
                                throw new IllegalStateException("refused");
                            }
                        });
                // a small in-flight bound: the consumer stops fetching while the route holds the first events;
                // started by the test once the events are on the broker
                from("eventbus:" + blockedTopic + "?groupId=meters&partitions=1&maxInFlight=4").routeId("blocked")
                        .autoStartup(false)
                        .process(e -> gate.await(60, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void lagShowsTheBacklogWhileTheRouteIsBlockedAndFallsAfter() throws Exception {
        for (int i = 1; i <= 50; i++) {
            template.sendBodyAndHeaders("eventbus:" + blockedTopic, "{}", Events.headers("b-" + i, "Opened", 1));
        }
        context.getRouteController().startRoute("blocked");
        Gauge lag = registry.get(MeterNames.CONSUMER_LAG).tags("route", "blocked", "topic", blockedTopic,
                "group", "meters", "transport", "kafka").gauge();
        await().atMost(30, TimeUnit.SECONDS).until(() -> lag.value() >= 20);
        Gauge partitionLag = registry.get(MeterNames.CONSUMER_PARTITION_LAG).tags("route", "blocked",
                "partition", "0").gauge();
        // the one partition's gauge; its value moves as the poll thread refreshes the status (it seeks back to the
        // records it could not hand over), so it is compared with the bound, not with the sum read before
        assertTrue(partitionLag.value() > 0);
        Gauge inFlight = registry.get(MeterNames.CONSUMER_IN_FLIGHT).tags("route", "blocked").gauge();
        await().until(() -> inFlight.value() == 4);
        gate.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> lag.value() == 0 && events("blocked", "processed") == 50);
        await().until(() -> inFlight.value() == 0);
    }

    @Test
    void outcomeCountersPublishTimerAndKafkaClientMeters() throws Exception {
        Map<String, Object> repeated = new HashMap<>(Events.headers("o-1", "Placed", 2));
        repeated.put(EventBusConstants.EVENT_ID, "0190a4f0-0000-7000-8000-0000000000a2");
        template.sendBodyAndHeaders("eventbus:" + topic, "{}", Events.headers("o-1", "Placed", 1));
        template.sendBodyAndHeaders("eventbus:" + topic, "{}", repeated);
        template.sendBodyAndHeaders("eventbus:" + topic, "{}", repeated);
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"fails\":true}", Events.headers("o-2", "Placed", 1));
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals(2, events("outcomes", "processed"));
            assertEquals(1, events("outcomes", "duplicate"));
            assertEquals(1, events("outcomes", "redelivered"));
            assertEquals(1, events("outcomes", "dead-lettered"));
        });
        assertEquals(4, registry.get(MeterNames.CONSUMER_PROCESSING).tags("route", "outcomes").timer().count());
        assertEquals(4, registry.get(MeterNames.CONSUMER_EVENT_AGE).tags("route", "outcomes").timer().count());
        assertEquals(4, registry.get(MeterNames.PRODUCER_PUBLISH)
                .tags("topic", topic, "transport", "kafka", "outcome", "success").timer().count());

        assertTrue(names().stream().anyMatch(n -> n.startsWith("kafka.consumer.")), names().toString());
        assertTrue(names().stream().anyMatch(n -> n.startsWith("kafka.producer.")), names().toString());
        assertTrue(registry.find("kafka.consumer.fetch.manager.records.consumed.total").tags("route", "outcomes")
                .meters().size() > 0);
        assertTrue(ThreadCensus.eventbusThreads().stream().anyMatch(t -> t.startsWith("eventbus-kafka-metrics-")));

        context.stop();
        assertEquals(Set.of(), Set.copyOf(names().stream()
                .filter(n -> n.startsWith("kafka.") || n.startsWith("eventbus.")).toList()));
        await().until(() -> ThreadCensus.eventbusThreads().isEmpty());
    }

    private double events(String route, String outcome) {
        FunctionCounter counter = registry.find(MeterNames.CONSUMER_EVENTS).tags("route", route, "outcome", outcome)
                .functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private Set<String> names() {
        return Set.copyOf(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).toList());
    }
}
