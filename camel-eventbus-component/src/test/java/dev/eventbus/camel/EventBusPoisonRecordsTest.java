package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every record the consumer cannot turn into an event goes to the dead-letter topic with its original bytes (an
 * explicit empty value for a null one) and a reason, and the aggregate's next event is processed after it.
 */
class EventBusPoisonRecordsTest extends EventBusTestSupport {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        context.getRegistry().bind("brokenFilter", new org.apache.camel.support.DefaultHeaderFilterStrategy() {
            @Override
            public boolean applyFilterToExternalHeaders(String name, Object value, org.apache.camel.Exchange exchange) {
                throw new IllegalStateException("filter bug");
            }
        });
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:mapping?headerFilterStrategy=#brokenFilter").routeId("mapping").to("mock:mapping");
                from("eventbus:poison?concurrency=4").routeId("poison")
                        .process(e -> e.getMessage().setHeader("thread", Thread.currentThread().getName()))
                        .to("mock:poison");
            }
        };
    }

    @Test
    void aNullValueIsDeadLetteredAsAnEmptyValueAndTheAggregateMovesOn() throws Exception {
        Delivery dead = assertDeadLetteredBeforeNextEvent(null, "p-1", "null value (a tombstone): not an event");
        assertArrayEquals(new byte[0], dead.value());
    }

    @Test
    void anEmptyValueIsDeadLettered() throws Exception {
        assertDeadLetteredBeforeNextEvent(new byte[0], "p-1", "undecodable: ");
    }

    @Test
    void aRecordKeyThatDisagreesWithTheEnvelopeIsDeadLettered() throws Exception {
        byte[] value = CODEC.encode(envelope("p-1", 1));
        assertDeadLetteredBeforeNextEvent(value, "p-other",
                "record key 'p-other' does not match the envelope's aggregate_id 'p-1'");
    }

    @Test
    void anAbsurdEventVersionIsDeadLettered() throws Exception {
        String json = new String(CODEC.encode(envelope("p-1", 1)), StandardCharsets.UTF_8)
                .replace("\"event_version\":1,", "\"event_version\":" + Long.MAX_VALUE + ",");
        assertDeadLetteredBeforeNextEvent(json.getBytes(StandardCharsets.UTF_8), "p-1",
                "undecodable: Invalid envelope: event_version must be at most 9007199254740991");
    }

    @Test
    void aRecordWithoutKeyGoesToTheLaneOfItsEnvelopesAggregate() throws Exception {
        String aggregate = "p-7";
        for (int i = 8; dev.eventbus.camel.ordering.KeyedLanes.laneOf(aggregate,
                4) == dev.eventbus.camel.ordering.KeyedLanes.laneOf(null, 4); i++) {
            aggregate = "p-" + i;
        }
        MockEndpoint mock = getMockEndpoint("mock:poison");
        mock.expectedMessageCount(1);
        publishRaw("poison", aggregate, CODEC.encode(envelope(aggregate, 1)));
        mock.assertIsSatisfied(10_000);
        String keyedThread = mock.getReceivedExchanges().get(0).getMessage().getHeader("thread", String.class);
        mock.reset();
        mock.expectedMessageCount(1);
        // a foreign producer that sets no key: the envelope, not the key, decides the lane
        publishRaw("poison", null, CODEC.encode(envelope(aggregate, 2)));
        mock.assertIsSatisfied(10_000);
        String unkeyedThread = mock.getReceivedExchanges().get(0).getMessage().getHeader("thread", String.class);
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> poisonConsumer().getStats().processed() == 2);
        assertEquals(0, poisonConsumer().getStats().deadLettered());
        assertEquals(keyedThread, unkeyedThread, "one aggregate, one lane");
    }

    @Test
    void anEventThatCannotBeMappedToAnExchangeIsDeadLettered() throws Exception {
        eventbus("eventbus:mapping").transport().publisher().publish(List.of(new OutboundRecord("mapping", "m-1",
                CODEC.encode(envelope("m-1", 1)), java.util.Map.of("X-Source", "go")))).join();
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("mapping").getConsumer();
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> consumer.getStats().deadLettered() == 1);
        String reason = readRaw("mapping.dlq", "inspector", 1).get(0).headers().get(DeadLetterHeaders.REASON);
        assertEquals("cannot be mapped to an exchange: java.lang.IllegalStateException: filter bug", reason);
    }

    /** Publishes {@code value} raw, then a good event 2 of the aggregate; the bad one is dead-lettered first. */
    private Delivery assertDeadLetteredBeforeNextEvent(byte[] value, String key, String reasonPrefix) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:poison");
        mock.expectedBodiesReceived("{\"v\":2}");
        eventbus("eventbus:poison").transport().publisher()
                .publish(List.of(new OutboundRecord("poison", key, value, java.util.Map.of()))).join();
        template.sendBodyAndHeaders("eventbus:poison", "{\"v\":2}", event("p-1", "Paid", 2));
        mock.assertIsSatisfied(10_000);
        await().until(() -> poisonConsumer().getStats().deadLettered() == 1);
        Delivery dead = readRaw("poison.dlq", "inspector", 1).get(0);
        String reason = dead.headers().get(DeadLetterHeaders.REASON);
        assertTrue(reason.startsWith(reasonPrefix), reason);
        if (value != null) {
            assertArrayEquals(value, dead.value());
        }
        return dead;
    }

    private EventBusConsumer poisonConsumer() {
        return (EventBusConsumer) context.getRoute("poison").getConsumer();
    }

    private static Envelope envelope(String aggregateId, long version) {
        return Envelope.builder().aggregateId(aggregateId).eventType("Paid").eventVersion(version)
                .payload("{\"v\":" + version + "}")
                .build();
    }
}
