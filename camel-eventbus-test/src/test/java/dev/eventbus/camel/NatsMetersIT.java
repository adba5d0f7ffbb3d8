package dev.eventbus.camel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.metrics.MeterNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The meters against the real nats-server, with a SimpleMeterRegistry bound in the Camel registry: the lag (the
 * JetStream consumer's pending count of the last message delivered) shows the backlog while the route is blocked and
 * falls to 0 after; the outcome counters,
 * the in-flight gauge and the publish timer move.
 */
class NatsMetersIT extends NatsTestSupport {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch gate = new CountDownLatch(1);

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
                // a small in-flight bound: the consumer stops taking messages while the route holds the first ones
                // started by the test once the events are in the stream
                from(nats("groupId=meters&maxInFlight=4&maxDeliveries=2&redeliveryDelay=10")).routeId("blocked")
                        .autoStartup(false)
                        .process(e -> {
                            gate.await(60, TimeUnit.SECONDS);
                            if (e.getMessage().getBody(String.class).contains("fails")) {
                                throw new IllegalStateException("refused");
                            }
                        });
            }
        };
    }

    @Test
    void lagShowsTheBacklogWhileTheRouteIsBlockedAndFallsAfter() throws Exception {
        for (int i = 1; i <= 50; i++) {
            template.sendBodyAndHeaders(nats(""), "{}", event("n-" + i, "Opened", 1));
        }
        template.sendBodyAndHeaders(nats(""), "{\"fails\":true}", event("n-fails", "Opened", 1));
        context.getRouteController().startRoute("blocked");
        Gauge lag = registry.get(MeterNames.CONSUMER_LAG)
                .tags("route", "blocked", "topic", topic, "group", "meters", "transport", "nats").gauge();
        await().atMost(30, TimeUnit.SECONDS).until(() -> lag.value() >= 20);
        Gauge inFlight = registry.get(MeterNames.CONSUMER_IN_FLIGHT).tags("route", "blocked").gauge();
        await().until(() -> inFlight.value() == 4);
        gate.countDown();
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> lag.value() == 0 && events("processed") == 50 && events("dead-lettered") == 1);
        assertEquals(1, events("redelivered"));
        await().until(() -> inFlight.value() == 0);
        assertEquals(51, registry.get(MeterNames.PRODUCER_PUBLISH)
                .tags("topic", topic, "transport", "nats", "outcome", "success").timer().count());
        assertEquals(52, registry.get(MeterNames.CONSUMER_PROCESSING).tags("route", "blocked").timer().count());
    }

    private double events(String outcome) {
        FunctionCounter counter = registry.find(MeterNames.CONSUMER_EVENTS).tags("route", "blocked", "outcome", outcome)
                .functionCounter();
        return counter == null ? -1 : counter.count();
    }
}
