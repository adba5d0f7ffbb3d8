package dev.eventbus.camel.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.transport.Delivery;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a record fails to be an event becomes a dead-letter reason; the envelope decides the lane key. */
class EventIntakeTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EventIntake intake = new EventIntake(null,
            new dev.eventbus.camel.format.EventFormats(dev.eventbus.camel.format.CloudEventsBinding.KAFKA, codec));
    private final byte[] good = codec.encode(Envelope.builder().aggregateId("a-1").eventType("T").eventVersion(1)
            .payload("{}").build());

    @Test
    void aGoodRecordIsAnEventOnItsAggregatesLane() {
        InboundEvent event = intake.toEvent(record("a-1", good, Map.of("X-Aggregate-ID", "a-1")));
        assertNull(event.deadLetterReason);
        assertNotNull(event.envelope);
        assertEquals("a-1", event.laneKey);
    }

    @Test
    void aRecordWithoutKeyOrHeaderGoesToTheEnvelopesLane() {
        InboundEvent event = intake.toEvent(record(null, good, Map.of()));
        assertNull(event.deadLetterReason);
        assertEquals("a-1", event.laneKey);
    }

    @Test
    void aNullValueIsATombstone() {
        InboundEvent event = intake.toEvent(record("a-1", null, Map.of()));
        assertEquals("null value (a tombstone): not an event", event.deadLetterReason);
        assertEquals("a-1", event.laneKey, "not an event: the record key picks the lane");
    }

    @Test
    void emptyAndGarbageValuesAreUndecodable() {
        assertTrue(intake.toEvent(record("a-1", new byte[0], Map.of())).deadLetterReason.startsWith("undecodable: "));
        assertTrue(intake.toEvent(
                record("a-1", "\u0000\u00ff{".getBytes(StandardCharsets.ISO_8859_1), Map.of())).deadLetterReason
                .startsWith("undecodable: "));
        assertTrue(intake
                .toEvent(record(null, "{\"event_id\":".getBytes(StandardCharsets.UTF_8), Map.of())).deadLetterReason
                .startsWith("undecodable: "));
    }

    @Test
    void aKeyOrAggregateHeaderNamingAnotherAggregateIsRefused() {
        assertEquals("record key 'a-2' does not match the envelope's aggregate_id 'a-1'",
                intake.toEvent(record("a-2", good, Map.of())).deadLetterReason);
        assertEquals("header X-Aggregate-ID 'a-3' does not match the envelope's aggregate_id 'a-1'",
                intake.toEvent(record(null, good, Map.of("X-Aggregate-ID", "a-3"))).deadLetterReason);
        String huge = "k".repeat(100_000);
        assertTrue(intake.toEvent(record(huge, good, Map.of())).deadLetterReason.length() < 1000,
                "an absurd key is quoted cut");
    }

    @Test
    void anAbsurdVersionIsRefused() {
        byte[] absurd = new String(good, StandardCharsets.UTF_8).replace("\"event_version\":1",
                "\"event_version\":9007199254740992").getBytes(StandardCharsets.UTF_8);
        assertTrue(intake.toEvent(record("a-1", absurd, Map.of())).deadLetterReason
                .contains("event_version must be at most 9007199254740991"));
    }

    private static Delivery record(String key, byte[] value, Map<String, String> headers) {
        return new StubDelivery(key, value, headers);
    }
}
