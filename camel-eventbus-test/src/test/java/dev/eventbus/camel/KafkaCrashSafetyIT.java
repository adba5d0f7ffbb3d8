package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer stopped abruptly mid-stream (its route hangs, the stop is forced) and a new one started in the same
 * group: every event is processed, none is skipped, order per aggregate holds across both, and what the first one
 * completed is not processed again (the commit names the completed records above the watermark).
 */
class KafkaCrashSafetyIT extends KafkaITSupport {

    private static final int AGGREGATES = 100;
    private static final int VERSIONS = 50;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // publishing only
            }
        };
    }

    @Test
    void aNewConsumerContinuesWhereTheStoppedOneLeftWithoutSkipping() throws Exception {
        int total = AGGREGATES * VERSIONS;
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().eventId("e-" + a + "-" + v).aggregateId("acct-" + a).eventType("T")
                        .eventVersion(v).payload("{}").build());
            }
        }
        template.sendBody("eventbus:" + topic + "?partitions=4", batch);

        OrderChecker checker = new OrderChecker();
        Set<String> completedFirst = ConcurrentHashMap.newKeySet();
        Set<String> completedSecond = ConcurrentHashMap.newKeySet();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);

        CamelContext first = consumerContext(checker, completedFirst, () -> {
            if (started.incrementAndGet() > total / 3) {
                never.await(); // hangs until the forced stop interrupts it
            }
        });
        first.getShutdownStrategy().setTimeout(1);
        first.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        try {
            first.start();
            // every lane is now stuck in the route with an event that will never complete
            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> started.get() > total / 3 + 1);
        } finally {
            first.stop();
        }
        assertTrue(completedFirst.size() < total);

        CamelContext second = consumerContext(checker, completedSecond, () -> {
        });
        second.start();
        try {
            EventBusConsumer consumer = (EventBusConsumer) second.getRoutes().get(0).getConsumer();
            try {
                await().atMost(java.time.Duration.ofSeconds(60))
                        .until(() -> completedFirst.size() + completedSecond.size() >= total);
            } catch (ConditionTimeoutException e) {
                Set<String> missing = new TreeSet<>();
                for (Envelope env : batch) {
                    if (!completedFirst.contains(env.eventId()) && !completedSecond.contains(env.eventId())) {
                        missing.add(env.eventId());
                    }
                }
                throw new AssertionError("first " + completedFirst.size() + ", second " + completedSecond.size()
                        + ", stats " + consumer.getStats() + ", in flight " + consumer.getInFlight()
                        + ", missing " + missing.size() + ": " + missing.stream().limit(40).toList(), e);
            }
            Set<String> both = new HashSet<>(completedFirst);
            both.retainAll(completedSecond);
            assertEquals(Set.of(), both, "completed by the first consumer and processed again");
            assertEquals(total, completedFirst.size() + completedSecond.size());
            assertEquals(0, checker.violations.get(), "order violations");
            assertEquals(0, checker.overlaps.get(), "overlaps");
            for (int a = 0; a < AGGREGATES; a++) {
                assertEquals(VERSIONS, checker.lastVersion("acct-" + a));
            }
        } finally {
            second.stop();
        }
    }

    private CamelContext consumerContext(OrderChecker checker, Set<String> completed, Gate gate) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        configure(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                checker.checkedAsyncStep(from("eventbus:" + topic + "?groupId=crash&concurrency=8&maxInFlight=500")
                        .process(e -> gate.pass()))
                        .process(
                                e -> completed.add(e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class)));
            }
        });
        return camel;
    }

    @FunctionalInterface
    private interface Gate {
        void pass() throws Exception;
    }
}
