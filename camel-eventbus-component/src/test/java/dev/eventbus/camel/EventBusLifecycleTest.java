package dev.eventbus.camel;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads, graceful stop and start-up failures. */
class EventBusLifecycleTest extends EventBusTestSupport {

    private final AtomicInteger processed = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:work?concurrency=4").routeId("work").autoStartup(false)
                        .process(e -> release.await(10, TimeUnit.SECONDS))
                        .process(e -> processed.incrementAndGet());
            }
        };
    }

    @Test
    void threadsAreNamedEventbusAndAllGoneAfterTheContextStops() throws Exception {
        context.getRouteController().startRoute("work");
        Set<String> running = eventbusThreads();
        assertTrue(
                running.containsAll(
                        Set.of("eventbus-lane-work-1", "eventbus-lane-work-4", "eventbus-poll-work-default-1")),
                running.toString());
        for (int v = 1; v <= 100; v++) {
            template.sendBodyAndHeaders("eventbus:work", "{}", event("w-" + (v % 7), "Done", v));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> processed.get() == 100);
        context.stop();
        assertEquals(Set.of(), eventbusThreads());
    }

    @Test
    void stoppingARouteLetsInFlightEventsFinishAndLosesNothing() throws Exception {
        release = new CountDownLatch(1);
        context.getRouteController().startRoute("work");
        for (int v = 1; v <= 40; v++) {
            template.sendBodyAndHeaders("eventbus:work", "{}", event("w-" + (v % 10), "Done", v));
        }
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("work").getConsumer();
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getInFlight() == 40);
        Thread opener = new Thread(() -> {
            // the shutdown strategy suspends the consumer (intake stops) before it waits for in-flight events
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> consumer.isSuspendingOrSuspended() || consumer.isStoppingOrStopped());
            release.countDown();
        });
        opener.start();
        context.getRouteController().stopRoute("work", 20, TimeUnit.SECONDS);
        opener.join();
        assertEquals(40, processed.get(), "in-flight events finished before the route stopped");
        assertEquals(Set.of(), eventbusThreads());
        assertEquals(0, retained("work"));

        for (int v = 41; v <= 50; v++) {
            template.sendBodyAndHeaders("eventbus:work", "{}", event("w-" + (v % 10), "Done", v));
        }
        context.getRouteController().startRoute("work");
        await().atMost(10, TimeUnit.SECONDS).until(() -> processed.get() == 50);
    }

    @Test
    void brokerConsumersWithoutGroupFailAtRouteStartWithAClearMessage() throws Exception {
        for (String transport : new String[]{"kafka", "nats"}) {
            assertEquals("eventbus:orders consumer with transport=" + transport + " needs a groupId (the subscription "
                    + "group that owns its position); set groupId on the endpoint",
                    startFailure("eventbus:orders?transport=" + transport));
        }
    }

    @Test
    void kafkaWithoutBrokersFailsAtRouteStartWithAClearMessage() throws Exception {
        assertEquals(
                "eventbus:orders uses transport=kafka but no brokers are set; set brokers=host:port on the endpoint "
                        + "or camel.component.eventbus.brokers",
                startFailure("eventbus:orders?transport=kafka&groupId=g"));
    }

    /** The message of the root cause that fails the start of a context consuming {@code uri}. */
    private static String startFailure(String uri) throws Exception {
        try (CamelContext other = new DefaultCamelContext()) {
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).to("log:x");
                }
            });
            Exception e = assertThrows(Exception.class, other::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
    }
}
