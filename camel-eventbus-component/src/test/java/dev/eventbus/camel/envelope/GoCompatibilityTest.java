package dev.eventbus.camel.envelope;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Envelopes the Go event bus accepts are accepted, and what this component writes the Go bus reads: a 64-bit
 * tenant_id (Go's int), also written as a string of digits by earlier Go versions; aggregate ids validated after
 * trimming and used as written; no JSON null payload.
 */
class GoCompatibilityTest {

    private static final EnvelopeCodec CODEC = EnvelopeCodecTest.CODEC;
    private static final String HEAD = "{\"event_id\":\"e-1\",\"aggregate_id\":\"order-42\",\"event_type\":\"T\","
            + "\"event_version\":1,\"timestamp\":\"2024-05-01T10:00:00Z\",";

    @Test
    void aTenantIdAbove2To31RoundTrips() {
        long tenant = (1L << 40) + 7;
        byte[] go = (HEAD + "\"tenant_id\":" + tenant + ",\"payload\":{}}").getBytes(UTF_8);
        Envelope e = CODEC.decode(go);
        assertEquals(tenant, e.tenantId());
        assertArrayEquals(go, CODEC.encode(e), "written back exactly as Go writes it");
    }

    @Test
    void aTenantIdWrittenAsAStringOfDigitsIsAccepted() {
        Envelope e = CODEC.decode((HEAD + "\"tenant_id\":\"1099511627783\",\"payload\":{}}").getBytes(UTF_8));
        assertEquals(1099511627783L, e.tenantId());
        InvalidEnvelopeException bad = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.decode((HEAD + "\"tenant_id\":\"12a\",\"payload\":{}}").getBytes(UTF_8)));
        assertEquals("tenant_id", bad.field());
    }

    @Test
    void anAggregateIdWithSurroundingWhitespaceIsValidAndKeptAsWritten() {
        Envelope e = EnvelopeCodecTest.base().aggregateId(" order-42\t").build();
        assertDoesNotThrow(() -> EnvelopeValidator.validate(e));
        assertEquals(" order-42\t", CODEC.decode(CODEC.encode(e)).aggregateId());
        assertThrows(InvalidEnvelopeException.class,
                () -> EnvelopeValidator.validate(EnvelopeCodecTest.base().aggregateId("   ").build()));
        assertThrows(InvalidEnvelopeException.class,
                () -> EnvelopeValidator.validate(EnvelopeCodecTest.base().aggregateId(" order 42 ").build()));
    }

    @Test
    void aNullPayloadIsRefusedAsGoRefusesIt() {
        InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.encode(EnvelopeCodecTest.base().payload(" null ").build()));
        assertEquals("Invalid envelope: payload must not be JSON null", e.getMessage());
        assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.decode((HEAD + "\"payload\":null}").getBytes(UTF_8)));
    }

    @Test
    void blankMeansWhatGoTrimSpaceTrims() {
        for (String blank : new String[]{"\u00a0", "\u0085", " \u3000\t", "\u2028"}) {
            assertThrows(InvalidEnvelopeException.class,
                    () -> EnvelopeValidator.validate(EnvelopeCodecTest.base().aggregateId(blank).build()), blank);
            assertThrows(InvalidEnvelopeException.class,
                    () -> EnvelopeValidator.validate(EnvelopeCodecTest.base().eventId(blank).build()), blank);
            assertThrows(InvalidEnvelopeException.class,
                    () -> EnvelopeValidator.validate(EnvelopeCodecTest.base().eventType(blank).build()), blank);
        }
    }

    @Test
    void anAggregateIdPaddedWithAbsurdWhiteSpaceIsRefused() {
        assertDoesNotThrow(() -> EnvelopeValidator.validate(EnvelopeCodecTest.base().aggregateId(
                " ".repeat(8) + "a".repeat(256) + " ".repeat(8)).build()));
        InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class, () -> EnvelopeValidator.validate(
                EnvelopeCodecTest.base().aggregateId("order-1" + " ".repeat(300_000)).build()));
        assertEquals("aggregate_id", e.field());
    }
}
