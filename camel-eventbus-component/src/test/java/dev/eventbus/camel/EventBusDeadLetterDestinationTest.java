package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter destination: a topic nobody reads never blocks a lane; one that refuses keeps the event (stuck,
 * visible in the stats) while other aggregates flow, and it lands once the destination takes it again; a dead letter
 * can be replayed past the version check.
 */
class EventBusDeadLetterDestinationTest extends EventBusTestSupport {

    private final AtomicBoolean cured = new AtomicBoolean();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:unread?partitions=1&capacity=3&publishTimeout=500").routeId("unread").to("mock:unread");
                from("eventbus:refused?partitions=1&capacity=2&publishTimeout=200&redeliveryDelay=20&maxRedeliveryDelay=100")
                        .routeId("refused").to("mock:refused");
                from("eventbus:replayed?maxDeliveries=1").routeId("replayed")
                        .process(e -> {
                            if (!cured.get()) {
                                throw new IllegalStateException("bug in billing");
                            }
                        })
                        .to("mock:replayed");
            }
        };
    }

    @Test
    void aDeadLetterTopicNoGroupReadsKeepsItsNewestRecordsAndNeverBlocksTheLane() {
        for (int i = 0; i < 10; i++) {
            publishRaw("unread", "u-1", ("garbage " + i).getBytes(StandardCharsets.UTF_8));
        }
        EventBusConsumer consumer = consumer("unread");
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 10);
        assertEquals(0, consumer.getStats().deadLetterFailures());
        assertEquals(3, retained("unread.dlq"), "the newest capacity records are kept");
        List<Delivery> kept = readRaw("unread.dlq", "late-reader", 3);
        assertEquals("garbage 7", utf8(kept.get(0).value()));
    }

    @Test
    void aRefusingDeadLetterDestinationKeepsTheEventLoudlyWhileOtherAggregatesFlow() throws Exception {
        // a group that reads the dead-letter topic but never acks: after 2 records the topic refuses more
        List<Delivery> held = new CopyOnWriteArrayList<>();
        Subscription slowReader = eventbus("eventbus:refused.dlq?partitions=1&capacity=2").transport().subscribe(
                new SubscriptionSpec("refused.dlq", "slow-reader", new InFlightLimit(100)), held::add);
        slowReader.start();
        try {
            // once the reader got a marker, its group holds the partition's records until it acks them
            publishRaw("refused.dlq", "m", "marker".getBytes(StandardCharsets.UTF_8));
            await().atMost(10, TimeUnit.SECONDS).until(() -> held.size() == 1);
            held.remove(0).complete();
            for (int i = 0; i < 3; i++) {
                publishRaw("refused", "r-1", ("garbage " + i).getBytes(StandardCharsets.UTF_8));
            }
            EventBusConsumer consumer = consumer("refused");
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(1,
                    consumer.getStats().deadLetterStuck(), () -> consumer.getStats() + " held " + held.size()));
            assertEquals(2, consumer.getStats().deadLettered());
            assertTrue(consumer.getStats().lastDeadLetterFailure().contains("stayed full"),
                    consumer.getStats().lastDeadLetterFailure());

            MockEndpoint flowing = getMockEndpoint("mock:refused");
            flowing.expectedMessageCount(1);
            template.sendBodyAndHeaders("eventbus:refused", "{}", event("r-2", "T", 1));
            flowing.assertIsSatisfied(10_000);
            await().atMost(5, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLetterFailures() >= 2);
            assertEquals(1, consumer.getStats().deadLetterStuck(), "the event is kept, not dropped");

            // the destination takes records again: the kept event lands
            held.forEach(Delivery::complete);
            await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 3);
            assertEquals(0, consumer.getStats().deadLetterStuck());
        } finally {
            slowReader.close();
        }
    }

    @Test
    void aDeadLetterReplayedAfterTheCauseWasFixedIsProcessedOnce() throws Exception {
        MockEndpoint processed = getMockEndpoint("mock:replayed");
        template.sendBodyAndHeaders("eventbus:replayed", "{\"n\":1}", event("b-1", "Billed", 1));
        EventBusConsumer consumer = consumer("replayed");
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 1);
        Envelope dead = new EnvelopeCodec().decode(readRaw("replayed.dlq", "replayer", 1).get(0).value());
        cured.set(true);

        // published again as it was, the version check drops it as a duplicate
        template.sendBody("eventbus:replayed", dead);
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().duplicatesSkipped() == 1);
        processed.assertIsSatisfied(0);
        assertEquals(0, processed.getReceivedCounter());

        // replayed, it is processed once
        processed.expectedBodiesReceived("{\"n\":1}");
        template.sendBodyAndHeader("eventbus:replayed", dead, EventBusConstants.REPLAY, true);
        processed.assertIsSatisfied(10_000);
        await().atMost(5, TimeUnit.SECONDS).until(() -> consumer.getStats().replayed() == 1);
        assertEquals(1, processed.getReceivedCounter());
        assertEquals(dead.eventId(),
                processed.getReceivedExchanges().get(0).getMessage().getHeader(EventBusConstants.EVENT_ID));
    }

    private EventBusConsumer consumer(String routeId) {
        return (EventBusConsumer) context.getRoute(routeId).getConsumer();
    }
}
