package dev.eventbus.camel.test.envelope;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestEnvelopesTest {

    @Test
    void builderStartsValidAndDecodesBackFromItsBytes() {
        Envelope envelope = TestEnvelopes.valid(TestEnvelopes.builder().aggregateId("order-7").build());
        assertNotNull(envelope.eventId());
        assertEquals(TestEnvelopes.EVENT_TYPE, envelope.eventType());

        byte[] bytes = TestEnvelopes.encode(envelope);
        assertEquals(envelope, new EnvelopeCodec().decode(bytes));
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"aggregate_id\":\"order-7\""));
    }

    @Test
    void historyIsVersionsOneToNOfOneAggregate() {
        List<Envelope> history = TestEnvelopes.history("order-1", 3);
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(Envelope::eventVersion).toList());
        assertEquals("{\"n\":3}", history.get(2).payloadAsString());
    }

    @Test
    void invalidEnvelopesAreRefused() {
        assertThrows(InvalidEnvelopeException.class, () -> TestEnvelopes.event("order 1", 1));
        assertThrows(InvalidEnvelopeException.class, () -> TestEnvelopes.event("order-1", 0));
    }
}
