package dev.eventbus.camel.envelope;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeValidatorTest {

    static final EnvelopeCodec CODEC = new EnvelopeCodec();

    static Envelope.Builder valid() {
        return Envelope.builder().eventId("id-1").aggregateId("order-42").eventType("OrderPlaced")
                .eventVersion(3).timestamp(Instant.parse("2024-05-01T10:00:00Z")).payload("{\"a\":1}");
    }

    /** A wire document with the given raw JSON values; a null value omits the field. */
    static String doc(String eventId, String aggregateId, String eventType, String version,
            String timestamp, String payload) {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "event_id", eventId);
        append(sb, "aggregate_id", aggregateId);
        append(sb, "event_type", eventType);
        append(sb, "event_version", version);
        append(sb, "timestamp", timestamp);
        append(sb, "payload", payload);
        if (sb.length() > 1) {
            sb.setLength(sb.length() - 1);
        }
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String name, String rawValue) {
        if (rawValue != null) {
            sb.append('"').append(name).append("\":").append(rawValue).append(',');
        }
    }

    static final String ID = "\"id-1\"";
    static final String AGG = "\"order-42\"";
    static final String TYPE = "\"OrderPlaced\"";
    static final String VER = "3";
    static final String TS = "\"2024-05-01T10:00:00Z\"";
    static final String PAY = "{\"a\":1}";

    static Arguments row(String message, UnaryOperator<Envelope.Builder> change, String wireDoc) {
        return Arguments.of(message, change, wireDoc);
    }

    static Stream<Arguments> rules() {
        String a257 = "a".repeat(257);
        return Stream.of(
                row("Invalid envelope: event_id must not be blank", b -> b.eventId(null),
                        doc(null, AGG, TYPE, VER, TS, PAY)),
                row("Invalid envelope: event_id must not be blank", b -> b.eventId(""),
                        doc("\"\"", AGG, TYPE, VER, TS, PAY)),
                row("Invalid envelope: event_id must not be blank", b -> b.eventId(" \t"),
                        doc("\" \\t\"", AGG, TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must not be blank", b -> b.aggregateId(null),
                        doc(ID, null, TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must not be blank", b -> b.aggregateId("  "),
                        doc(ID, "\"  \"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must be at most 256 characters (was 257)",
                        b -> b.aggregateId(a257), doc(ID, "\"" + a257 + "\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character '#' at index 5)",
                        b -> b.aggregateId("order#42"), doc(ID, "\"order#42\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character \\u0020 at index 5)",
                        b -> b.aggregateId("order 42"), doc(ID, "\"order 42\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character '\u00e9' at index 3)",
                        b -> b.aggregateId("ord\u00e9r"), doc(ID, "\"ord\u00e9r\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character \\u0000 at index 1)",
                        b -> b.aggregateId("a\u0000b"), doc(ID, "\"a\\u0000b\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character \\u2028 at index 1)",
                        b -> b.aggregateId("a\u2028b"), doc(ID, "\"a\\u2028b\"", TYPE, VER, TS, PAY)),
                row("Invalid envelope: event_type must not be blank", b -> b.eventType(null),
                        doc(ID, AGG, null, VER, TS, PAY)),
                row("Invalid envelope: event_type must not be blank", b -> b.eventType("\n"),
                        doc(ID, AGG, "\"\\n\"", VER, TS, PAY)),
                row("Invalid envelope: event_version must be >= 1 (was 0)", b -> b.eventVersion(0),
                        doc(ID, AGG, TYPE, null, TS, PAY)),
                row("Invalid envelope: event_version must be >= 1 (was -5)", b -> b.eventVersion(-5),
                        doc(ID, AGG, TYPE, "-5", TS, PAY)),
                row("Invalid envelope: event_version must be at most 9007199254740991 (was 9007199254740992)",
                        b -> b.eventVersion(1L << 53), doc(ID, AGG, TYPE, "9007199254740992", TS, PAY)),
                row("Invalid envelope: event_version must be at most 9007199254740991 (was 9223372036854775807)",
                        b -> b.eventVersion(Long.MAX_VALUE), doc(ID, AGG, TYPE, "9223372036854775807", TS, PAY)),
                row("Invalid envelope: timestamp must be present", b -> b.timestamp(null),
                        doc(ID, AGG, TYPE, VER, null, PAY)),
                row("Invalid envelope: timestamp must be present", b -> b.timestamp(null),
                        doc(ID, AGG, TYPE, VER, "null", PAY)),
                row("Invalid envelope: timestamp must be within years 0000-9999 (was 10000)",
                        b -> b.timestamp(Instant.parse("+10000-01-01T00:00:00Z")), null),
                row("Invalid envelope: payload must be present", b -> b.payload((byte[]) null),
                        doc(ID, AGG, TYPE, VER, TS, null)),
                row("Invalid envelope: payload must be present", b -> b.payload(""), null),
                row("Invalid envelope: payload must be present", b -> b.payload(" \n\t\r"), null),
                row("Invalid envelope: payload must be valid JSON: Unexpected end-of-input: expected close marker for Object",
                        b -> b.payload("{"), null),
                row("Invalid envelope: payload must be valid JSON: Unexpected character (']' (code 93)): expected a value",
                        b -> b.payload("[1,]"), null),
                row("Invalid envelope: payload must be valid JSON: unexpected trailing content after the JSON value",
                        b -> b.payload("{} {}"), null),
                row("Invalid envelope: payload must be valid JSON: unexpected trailing content after the JSON value",
                        b -> b.payload("1 2"), null),
                row("Invalid envelope: payload must be valid JSON: Unexpected close marker '}': no open Object to close",
                        b -> b.payload("{\"a\":1}}"), null),
                row("Invalid envelope: payload must be valid JSON: Unexpected character (''' (code 39)): was expecting double-quote to start field name",
                        b -> b.payload("{'a':1}"), null),
                row("Invalid envelope: payload must be valid JSON: Invalid numeric value: Leading zeroes not allowed",
                        b -> b.payload("01"), null),
                row("Invalid envelope: payload must be valid JSON: byte order mark is not allowed",
                        b -> b.payload(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}), null));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void validatorEncodeAndDecodeReportTheRule(String message, UnaryOperator<Envelope.Builder> change, String wireDoc) {
        // buildRaw: no defaults, so that null event_id / timestamp reach the validator
        Envelope e = change.apply(valid()).buildRaw();
        assertRule(message, () -> EnvelopeValidator.validate(e));
        byte[][] out = new byte[1][];
        assertRule(message, () -> out[0] = CODEC.encode(e));
        assertNull(out[0], "encode must not produce output");
        if (wireDoc != null) {
            assertRule(message, () -> CODEC.decode(wireDoc.getBytes(UTF_8)));
        }
    }

    private static void assertRule(String message, org.junit.jupiter.api.function.Executable call) {
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, call);
        assertEquals(message, ex.getMessage());
        assertEquals(message, "Invalid envelope: " + ex.field() + " " + ex.rule());
    }

    @Test
    void wireDocumentTemplateIsValid() {
        assertEquals(valid().build(), CODEC.decode(doc(ID, AGG, TYPE, VER, TS, PAY).getBytes(UTF_8)));
    }

    @Test
    void firstViolatedRuleWins() {
        Envelope e = Envelope.builder().eventId(" ").aggregateId("bad id").eventType("").eventVersion(0)
                .payload("{").build();
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, () -> EnvelopeValidator.validate(e));
        assertEquals("event_id", ex.field());
        ex = assertThrows(InvalidEnvelopeException.class,
                () -> EnvelopeValidator.validate(e.toBuilder().eventId("x").build()));
        assertEquals("aggregate_id", ex.field());
        ex = assertThrows(InvalidEnvelopeException.class,
                () -> EnvelopeValidator.validate(e.toBuilder().eventId("x").aggregateId("a").build()));
        assertEquals("event_type", ex.field());
    }

    @Test
    void acceptsBoundaryValues() {
        String allChars = "ABCXYZabcxyz0123456789:_-./";
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid().aggregateId(allChars).build()));
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid().aggregateId("a".repeat(256)).build()));
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid().eventVersion(1).build()));
        assertDoesNotThrow(
                () -> EnvelopeValidator.validate(valid().eventVersion(EnvelopeValidator.MAX_EVENT_VERSION).build()));
        // a bare JSON null payload is refused (GoCompatibilityTest); null inside a value is fine
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid().payload(" [null] ").build()));
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid()
                .timestamp(Instant.parse("0000-01-01T00:00:00Z")).build()));
        assertDoesNotThrow(() -> EnvelopeValidator.validate(valid()
                .timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z")).build()));
    }

    @Test
    void everyDisallowedAsciiCharIsRejected() {
        for (char c = 0; c < 256; c++) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ":_-./".indexOf(c) >= 0;
            // inside the id: surrounding white space is trimmed before the check (GoCompatibilityTest)
            Envelope e = valid().aggregateId("x" + c + "y").build();
            if (allowed) {
                assertDoesNotThrow(() -> EnvelopeValidator.validate(e));
            } else {
                InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class,
                        () -> EnvelopeValidator.validate(e), "char " + (int) c);
                assertEquals("aggregate_id", ex.field());
            }
        }
    }

    @Test
    void nullEnvelope() {
        assertRule("Invalid envelope: envelope must not be null", () -> EnvelopeValidator.validate(null));
    }

    @Test
    void truncatesLongReasons() {
        assertEquals(200, EnvelopeValidator.truncate("x".repeat(500)).length());
    }
}
