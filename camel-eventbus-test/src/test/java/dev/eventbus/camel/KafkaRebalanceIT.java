package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two consumers in one group, the second joining mid-stream: the partitions move while events are in flight, and
 * still no aggregate is processed by both at once, none out of order, none lost.
 */
class KafkaRebalanceIT extends KafkaITSupport {

    private static final int AGGREGATES = 500;
    private static final int VERSIONS = 100;

    private final OrderChecker checker = new OrderChecker();
    private final AtomicLong byFirst = new AtomicLong();
    private final AtomicLong bySecond = new AtomicLong();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return consumerRoutes(byFirst);
    }

    private RouteBuilder consumerRoutes(AtomicLong counter) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                checker.checkedAsyncStep(from("eventbus:" + topic + "?groupId=rebalance&partitions=8&concurrency=16"))
                        .process(e -> counter.incrementAndGet());
            }
        };
    }

    @Test
    void aSecondMemberJoiningMidStreamKeepsOrderAndLosesNothing() throws Exception {
        int total = AGGREGATES * VERSIONS;
        java.util.concurrent.CountDownLatch secondHasPartitions = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            List<Envelope> batch = new ArrayList<>();
            for (int v = 1; v <= VERSIONS; v++) {
                if (v == VERSIONS * 3 / 5) {
                    // the rest of the stream only once the second member took part of it over (else a fast machine
                    // finishes before the rebalance does); events of the first part are still in flight then
                    try {
                        secondHasPartitions.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                for (int a = 0; a < AGGREGATES; a++) {
                    batch.add(Envelope.builder().aggregateId("cust-" + a).eventType("T").eventVersion(v).payload("{}")
                            .build());
                }
                template.sendBody("eventbus:" + topic, batch);
                batch = new ArrayList<>();
            }
        });
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> checker.completed.get() > total / 5);

        CamelContext second = new DefaultCamelContext();
        configure(second);
        second.addRoutes(consumerRoutes(bySecond));
        second.start();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers()))) {
            await().atMost(java.time.Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin
                    .describeConsumerGroups(List.of("rebalance")).all().get().get("rebalance").members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2);
            secondHasPartitions.countDown();
            publishing.get();
            await().atMost(java.time.Duration.ofSeconds(120)).until(() -> checker.completed.get() >= total);
            assertEquals(0, checker.violations.get(), "order violations (including events processed twice)");
            assertEquals(0, checker.overlaps.get(), "events of one aggregate processed by both members at once");
            for (int a = 0; a < AGGREGATES; a++) {
                assertEquals(VERSIONS, checker.lastVersion("cust-" + a));
            }
            assertEquals(total, checker.completed.get());
            assertTrue(bySecond.get() > 0, "the second member got partitions");
        } finally {
            second.stop();
        }
    }
}
