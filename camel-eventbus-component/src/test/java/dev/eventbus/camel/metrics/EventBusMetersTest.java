package dev.eventbus.camel.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.EventBusEndpoint;
import dev.eventbus.camel.EventBusTestSupport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters on the memory transport with a SimpleMeterRegistry bound in the Camel registry (found without
 * configuration, as Spring Boot's is) or set on the endpoint: each outcome counter, the timers and gauges move, and a
 * stopped route's meters are gone.
 */
class EventBusMetersTest extends EventBusTestSupport {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SimpleMeterRegistry own = new SimpleMeterRegistry();
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meters", registry);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:orders?maxDeliveries=2&redeliveryDelay=10").routeId("orders")
                        .process(e -> {
                            if (e.getMessage().getBody(String.class).contains("fails")) {
                                throw new IllegalStateException("refused");
                            }
                        });
                // an endpoint's own registry (not bound in the Camel registry: one bound there is found by type)
                EventBusEndpoint gated = getContext().getEndpoint("eventbus:gated", EventBusEndpoint.class);
                gated.getConfiguration().setMeterRegistry(own);
                gated.getConfiguration().setMaxInFlight(4);
                from("direct:relay").routeId("relay").to("eventbus:orders");
                from(gated).routeId("gated")
                        .process(e -> gate.await(10, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void outcomeCountersTimersAndPublishTimerMove() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("orders").whenDone(4).create();
        template.sendBodyAndHeaders("eventbus:orders", "{\"n\":1}", event("o-1", "Placed", 1));
        Map<String, Object> second = new HashMap<>(event("o-1", "Placed", 2));
        second.put(EventBusConstants.EVENT_ID, "0190a4f0-0000-7000-8000-000000000002");
        template.sendBodyAndHeaders("eventbus:orders", "{\"n\":2}", second);
        // the same event again (a producer retry): a duplicate, skipped
        template.sendBodyAndHeaders("eventbus:orders", "{\"n\":2}", second);
        // another event with a version processed already: stale, skipped
        template.sendBodyAndHeaders("eventbus:orders", "{\"n\":3}", event("o-1", "Placed", 2));
        template.sendBodyAndHeaders("eventbus:orders", "{\"fails\":true}", event("o-2", "Placed", 1));
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        await().untilAsserted(() -> {
            assertEquals(2, events("orders", "processed"));
            assertEquals(1, events("orders", "duplicate"));
            assertEquals(1, events("orders", "redelivered"));
            assertEquals(1, events("orders", "dead-lettered"));
            assertEquals(1, events("orders", "stale"));
        });
        assertEquals(1, events("orders", "stale"));
        assertEquals(0, events("orders", "released"));
        assertEquals(0, events("orders", "resequenced"));
        // two successful runs and two failed ones; five events completed (two processed, a duplicate, a stale one
        // and a dead letter)
        assertEquals(4, consumerTimer(MeterNames.CONSUMER_PROCESSING, "orders").count());
        assertEquals(5, consumerTimer(MeterNames.CONSUMER_EVENT_AGE, "orders").count());
        assertTrue(consumerTimer(MeterNames.CONSUMER_EVENT_AGE, "orders").totalTime(TimeUnit.NANOSECONDS) > 0);
        Timer published = registry.find(MeterNames.PRODUCER_PUBLISH)
                .tags("topic", "orders", "transport", "memory", "outcome", "success").timer();
        assertNotNull(published);
        assertEquals(5, published.count());
        assertEquals(0, registry.get(MeterNames.PRODUCER_PUBLISH).tags("topic", "orders", "outcome", "failure")
                .timer().count());
        Gauge inFlight = registry.get(MeterNames.CONSUMER_IN_FLIGHT)
                .tags("topic", "orders", "group", "default", "transport", "memory", "route", "orders").gauge();
        await().until(() -> inFlight.value() == 0);
    }

    @Test
    void anEndpointsOwnRegistryWinsAndLagGrowsWhileTheRouteIsBlocked() throws Exception {
        Gauge inFlight = own.get(MeterNames.CONSUMER_IN_FLIGHT).tags("route", "gated").gauge();
        Gauge lag = own.get(MeterNames.CONSUMER_LAG).tags("route", "gated").gauge();
        assertNull(registry.find(MeterNames.CONSUMER_IN_FLIGHT).tags("route", "gated").gauge());
        for (int v = 1; v <= 10; v++) {
            template.sendBodyAndHeaders("eventbus:gated", "{}", event("g-" + v, "Opened", 1));
        }
        await().until(() -> inFlight.value() == 4 && lag.value() == 6);
        for (int v = 11; v <= 20; v++) {
            template.sendBodyAndHeaders("eventbus:gated", "{}", event("g-" + v, "Opened", 1));
        }
        // the memory transport knows its backlog live: the lag grows while the route holds the in-flight events
        await().until(() -> lag.value() == 16);
        double perPartition = own.get(MeterNames.CONSUMER_PARTITION_LAG).tags("route", "gated").gauges().stream()
                .mapToDouble(Gauge::value).sum();
        assertEquals(16, perPartition, 0.0);
        gate.countDown();
        await().until(() -> inFlight.value() == 0 && lag.value() == 0);
        assertEquals(20, own.get(MeterNames.CONSUMER_EVENTS).tags("route", "gated", "outcome", "processed")
                .functionCounter().count());
    }

    @Test
    void aStoppedRouteLeavesNoMeter() throws Exception {
        assertTrue(routeMeters("orders").size() > 0);
        context.getRouteController().stopRoute("orders");
        assertEquals(Set.of(), routeMeters("orders"));
        context.getRouteController().startRoute("orders");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("orders").whenDone(1).create();
        template.sendBodyAndHeaders("eventbus:orders", "{}", event("o-9", "Placed", 1));
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        await().until(() -> events("orders", "processed") == 1);
    }

    @Test
    void producersOfOneTopicShareTheirTimerUntilTheLastStops() throws Exception {
        template.sendBodyAndHeaders("direct:relay", "{}", event("r-1", "Placed", 1));
        template.sendBodyAndHeaders("eventbus:orders", "{}", event("r-2", "Placed", 1));
        Timer published = registry.get(MeterNames.PRODUCER_PUBLISH).tags("topic", "orders", "outcome", "success")
                .timer();
        assertEquals(2, published.count());
        context.getRouteController().stopRoute("relay");
        // the template's producer still publishes to orders: the timer stays
        template.sendBodyAndHeaders("eventbus:orders", "{}", event("r-3", "Placed", 1));
        assertEquals(3, registry.get(MeterNames.PRODUCER_PUBLISH).tags("topic", "orders", "outcome", "success")
                .timer().count());
    }

    @Test
    void aPublishThatTimesOutIsTimedAsAFailure() {
        // no consumer frees the one-record topic: the second publish waits for room until its publish timeout
        String full = "eventbus:full?capacity=1&publishTimeout=100";
        template.sendBodyAndHeaders(full, "{}", event("f-1", "Filled", 1));
        assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders(full, "{}", event("f-1", "Filled", 2)));
        Timer failed = registry.get(MeterNames.PRODUCER_PUBLISH).tags("topic", "full", "outcome", "failure").timer();
        assertEquals(1, failed.count());
        assertTrue(failed.totalTime(TimeUnit.MILLISECONDS) >= 90, failed.totalTime(TimeUnit.MILLISECONDS) + " ms");
        assertEquals(1, registry.get(MeterNames.PRODUCER_PUBLISH).tags("topic", "full", "outcome", "success")
                .timer().count());
    }

    private double events(String route, String outcome) {
        FunctionCounter counter = registry.find(MeterNames.CONSUMER_EVENTS)
                .tags("topic", route, "group", "default", "transport", "memory", "route", route, "outcome", outcome)
                .functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private Timer consumerTimer(String name, String route) {
        return registry.get(name).tags("route", route).timer();
    }

    private Set<Meter.Id> routeMeters(String route) {
        return Set.copyOf(registry.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith("eventbus.consumer.") && route.equals(id.getTag("route")))
                .toList());
    }

}
