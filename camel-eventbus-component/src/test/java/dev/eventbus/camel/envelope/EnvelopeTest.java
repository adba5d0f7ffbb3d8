package dev.eventbus.camel.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {

    static Envelope.Builder full() {
        return Envelope.builder().eventId("id-1").aggregateId("order-42").eventType("OrderPlaced")
                .eventVersion(3).timestamp(Instant.parse("2024-05-01T10:00:00Z")).traceId("t1")
                .correlationId("c1").tenantId(7).payload("{\"secret\":\"SECRET-VALUE\"}");
    }

    @Test
    void buildFillsEventIdAndTimestamp() {
        Instant before = Instant.now();
        Envelope e = Envelope.builder().aggregateId("a").build();
        assertEquals(7, UUID.fromString(e.eventId()).version());
        assertFalse(e.timestamp().isBefore(before));
        assertTrue(Duration.between(e.timestamp(), Instant.now()).toSeconds() < 5);
        Envelope.Builder b = Envelope.builder();
        assertNotEquals(b.build().eventId(), b.build().eventId(), "builder must not keep the generated id");
    }

    @Test
    void buildRawKeepsNulls() {
        Envelope e = Envelope.builder().buildRaw();
        assertNull(e.eventId());
        assertNull(e.timestamp());
        assertNull(e.payload());
        assertNull(e.payloadAsString());
    }

    @Test
    void emptyOptionalStringsBecomeNull() {
        Envelope e = full().traceId("").correlationId("").build();
        assertNull(e.traceId());
        assertNull(e.correlationId());
        assertEquals(e, full().traceId(null).correlationId(null).build());
    }

    @Test
    void accessorsAndPayloadIsNotCopied() {
        byte[] payload = "[1]".getBytes(UTF_8);
        Envelope e = full().payload(payload).build();
        assertSame(payload, e.payload());
        assertEquals("[1]", e.payloadAsString());
        assertEquals("id-1", e.eventId());
        assertEquals("order-42", e.aggregateId());
        assertEquals("OrderPlaced", e.eventType());
        assertEquals(3, e.eventVersion());
        assertEquals("t1", e.traceId());
        assertEquals("c1", e.correlationId());
        assertEquals(7, e.tenantId());
    }

    @Test
    void equalsAndHashCodeCoverAllFieldsAndPayloadContent() {
        Envelope a = full().build();
        Envelope b = full().payload("{\"secret\":\"SECRET-VALUE\"}".getBytes(UTF_8)).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.toBuilder().build());
        assertNotEquals(a, full().eventId("x").build());
        assertNotEquals(a, full().aggregateId("x").build());
        assertNotEquals(a, full().eventType("x").build());
        assertNotEquals(a, full().eventVersion(4).build());
        assertNotEquals(a, full().timestamp(Instant.EPOCH).build());
        assertNotEquals(a, full().traceId("x").build());
        assertNotEquals(a, full().correlationId("x").build());
        assertNotEquals(a, full().tenantId(8).build());
        assertNotEquals(a, full().payload("{}").build());
        assertNotEquals(a, null);
    }

    @Test
    void toStringNeverContainsPayload() {
        String s = full().build().toString();
        assertFalse(s.contains("SECRET"), s);
        assertFalse(s.contains("secret"), s);
        assertTrue(s.contains("payloadLength=25"), s);
        assertTrue(s.contains("id-1") && s.contains("order-42") && s.contains("OrderPlaced")
                && s.contains("eventVersion=3") && s.contains("2024-05-01T10:00:00Z"), s);
        assertTrue(Envelope.builder().buildRaw().toString().contains("payloadLength=null"));
    }

    @Test
    void exceptionCarriesFieldRuleAndCause() {
        RuntimeException cause = new RuntimeException("x");
        InvalidEnvelopeException e = new InvalidEnvelopeException("aggregate_id", "must not be blank", cause);
        assertEquals("Invalid envelope: aggregate_id must not be blank", e.getMessage());
        assertEquals("aggregate_id", e.field());
        assertEquals("must not be blank", e.rule());
        assertSame(cause, e.getCause());
        assertTrue(e.getStackTrace().length > 0);
    }
}
