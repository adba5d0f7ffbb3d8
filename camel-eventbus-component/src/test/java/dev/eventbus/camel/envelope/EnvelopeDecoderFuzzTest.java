package dev.eventbus.camel.envelope;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzz test (Jazzer) of {@link EnvelopeCodec#decode}: every input either decodes
 * to an envelope that passes full validation and survives encode → decode unchanged, or is
 * rejected with {@link InvalidEnvelopeException}. Any other throwable (index out of bounds,
 * number format, null pointer, date-time, stack overflow, out of memory...) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} (the default test run) Jazzer replays the seed corpus in
 * {@code src/test/resources/dev/eventbus/camel/envelope/EnvelopeDecoderFuzzTestInputs/decodesOrRejects}
 * as regression tests. The build's {@code fuzz} surefire execution sets {@code JAZZER_FUZZ=1}
 * and fuzzes for {@code fuzz.seconds} (30 s by default); see the README.
 */
class EnvelopeDecoderFuzzTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
            "\"event_id\"", "\"aggregate_id\"", "\"event_type\"", "\"event_version\"", "\"timestamp\"",
            "\"trace_id\"", "\"correlation_id\"", "\"tenant_id\"", "\"payload\"",
            "\\u", "\\ud83d\\ude00", "\\ud800", "\\udc00", "null", "true", "false", "1e9", "-0", "9223372036854775807",
            "2024-05-01T10:00:00Z", "T23:59:59.999999999+14:00", ".123456789", "-00:00", "0000-01-01", "9999-12-31",
            "\u00e9", "\u20ac", "\uD83D\uDE00", "\uFEFF",
    })
    void decodesOrRejects(byte[] data) {
        Envelope e = decodeOrNull(data, 0, data.length);
        // the same bytes inside a larger array (offset/length path) decode to the same result
        byte[] framed = new byte[data.length + 3];
        framed[0] = '{';
        System.arraycopy(data, 0, framed, 1, data.length);
        framed[data.length + 1] = '"';
        framed[data.length + 2] = '}';
        Envelope inFrame = decodeOrNull(framed, 1, data.length);
        assertEquals(e, inFrame, "decode(bytes) and decode(framed, 1, length) differ");
        if (e == null) {
            return;
        }
        EnvelopeValidator.validate(e); // including the payload's JSON syntax
        byte[] encoded = CODEC.encode(e);
        Envelope again = CODEC.decode(encoded);
        assertEquals(e, again, "encode -> decode changed the envelope");
        assertArrayEquals(encoded, CODEC.encode(again), "encoding is not stable");
    }

    /** The decoded envelope, or null if it was rejected with the decoder's own exception. */
    private static Envelope decodeOrNull(byte[] b, int offset, int length) {
        try {
            return CODEC.decode(b, offset, length);
        } catch (InvalidEnvelopeException expected) {
            if (expected.field() == null || expected.rule() == null) {
                fail("InvalidEnvelopeException without field or rule: " + expected);
            }
            return null;
        } // anything else propagates: Jazzer reports it and keeps the input
    }
}
