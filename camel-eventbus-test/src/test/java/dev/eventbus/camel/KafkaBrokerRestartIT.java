package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka broker is killed and started again on the same log directory and ports while an eventbus producer and an
 * eventbus consumer run: a publish the broker did not acknowledge fails its exchange (the test, as a retrying
 * producer, sends that batch again, so each aggregate's events stay in order); the consumer reconnects, commits
 * again and processes every event, in order per aggregate, none lost (repeats after the crash are skipped as
 * duplicates or seen again, never out of order).
 */
class KafkaBrokerRestartIT extends CamelTestSupport {

    private static final KafkaTestBroker BROKER = KafkaTestBroker.startNew();
    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;

    private final String topic = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final VersionLog versions = new VersionLog();

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EventBusComponent component = camel.getComponent("eventbus", EventBusComponent.class);
        component.getConfiguration().setTransport(TransportType.kafka);
        component.getConfiguration().setBrokers(BROKER.bootstrapServers());
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=restart&concurrency=8&partitions=4").routeId("consume")
                        .process(e -> versions.processed(
                                e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
            }
        };
    }

    @Test
    void producerAndConsumerRideOutABrokerRestartWithoutLossOrReordering() throws Exception {
        String producer = "eventbus:" + topic + "?partitions=4&publishTimeout=1000";
        int failedExchanges = 0;
        CompletableFuture<Long> restart = null;
        for (int v = 1; v <= VERSIONS; v++) {
            failedExchanges += publish(producer, v);
            if (v == VERSIONS / 3) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> versions.last("order-0") >= 5);
                restart = CompletableFuture.supplyAsync(BROKER::restart); // while the producer goes on publishing
            }
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> {
            for (int a = 0; a < AGGREGATES; a++) {
                if (versions.last("order-" + a) != VERSIONS) {
                    return false;
                }
            }
            return true;
        });
        long downMillis = restart.get(60, TimeUnit.SECONDS);
        System.out.println("broker down " + downMillis + " ms; failed exchanges " + failedExchanges
                + "; versions processed again " + versions.repeats());
        assertEquals(List.of(), versions.violations(), "lost or reordered events");
        assertTrue(failedExchanges > 0, "publishes while the broker was down failed their exchanges");
    }

    /**
     * Publishes version {@code v} of every aggregate as one exchange, again after each failure (the failure surfaced:
     * nothing was silently dropped), so each aggregate's versions go out in order; returns the failed attempts.
     */
    private int publish(String producer, int v) {
        List<Envelope> batch = new ArrayList<>(AGGREGATES);
        for (int a = 0; a < AGGREGATES; a++) {
            batch.add(Envelope.builder().eventId("e-" + a + "-" + v).aggregateId("order-" + a).eventType("LineAdded")
                    .eventVersion(v).payload("{}").build());
        }
        for (int failures = 0;; failures++) {
            try {
                template.sendBody(producer, batch);
                return failures;
            } catch (CamelExecutionException e) {
                assertTrue(failures < 30, "publishing keeps failing: " + e.getCause());
            }
        }
    }
}
