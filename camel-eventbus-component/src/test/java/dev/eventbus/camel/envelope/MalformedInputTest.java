package dev.eventbus.camel.envelope;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedInputTest {

    static final EnvelopeCodec CODEC = new EnvelopeCodec();
    static final String HEAD = "{\"event_id\":\"e1\",\"aggregate_id\":\"a1\",\"event_type\":\"T\",";
    static final String TS = "\"timestamp\":\"2024-05-01T10:00:00Z\"";
    static final String VALID = HEAD + "\"event_version\":1," + TS + ",\"payload\":{\"k\":[1,2]}}";

    static String with(String fieldAndValue) {
        return HEAD + "\"event_version\":1," + TS + "," + fieldAndValue + ",\"payload\":{}}";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // document level; "*" marks a rule prefix (the rest is Jackson's reason)
                Arguments.of("", "envelope", "is not valid JSON: no content"),
                Arguments.of("   \n", "envelope", "is not valid JSON: no content"),
                Arguments.of("[]", "envelope", "must be a JSON object"),
                Arguments.of("null", "envelope", "must be a JSON object"),
                Arguments.of("[1]", "envelope", "must be a JSON object"),
                Arguments.of("\"{}\"", "envelope", "must be a JSON object"),
                Arguments.of("42", "envelope", "must be a JSON object"),
                Arguments.of(VALID.substring(0, VALID.length() / 2), "envelope", "is not valid JSON: *"),
                Arguments.of(VALID.substring(0, VALID.length() - 1), "envelope", "is not valid JSON: *"),
                Arguments.of(VALID.substring(0, VALID.length() - 4), "envelope", "is not valid JSON: *"),
                Arguments.of("{", "envelope",
                        "is not valid JSON: Unexpected end-of-input: expected close marker for Object"),
                Arguments.of("hello", "envelope", "is not valid JSON: Unrecognized token 'hello': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("{\"a\":1,}", "envelope", "is not valid JSON: *"),
                Arguments.of("{'event_id':'x'}", "envelope", "is not valid JSON: *"),
                Arguments.of(VALID + "{}", "envelope",
                        "is not valid JSON: unexpected trailing content after the envelope object"),
                Arguments.of(VALID + " x", "envelope", "is not valid JSON: *"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"payload\":{\"a\":}}", "envelope",
                        "is not valid JSON: Unexpected character ('}' (code 125)): expected a value"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"payload\":[1 2]}", "envelope",
                        "is not valid JSON: *"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"payload\":\"a\u0001\"}", "envelope",
                        "is not valid JSON: *"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"payload\":NaN}", "envelope",
                        "is not valid JSON: *"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"payload\":01}", "envelope",
                        "is not valid JSON: *"),
                Arguments.of(HEAD + "\"event_version\":1," + TS + ",\"x\":{\"y\":[}]," + "\"payload\":1}", "envelope",
                        "is not valid JSON: *"),
                // typed fields
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":\"3\""), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":3.5"), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":3.0"), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":1e2"), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":true"), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":[1]"), "event_version",
                        "must be an integer"),
                Arguments.of(VALID.replace("\"event_version\":1", "\"event_version\":9223372036854775808"),
                        "event_version", "must be an integer"),
                Arguments.of(with("\"tenant_id\":9223372036854775808"), "tenant_id", "must be an integer"),
                Arguments.of(with("\"tenant_id\":-9223372036854775809"), "tenant_id", "must be an integer"),
                Arguments.of(with("\"tenant_id\":99999999999999999999999"), "tenant_id", "must be an integer"),
                Arguments.of(with("\"tenant_id\":\"7a\""), "tenant_id", "must be an integer"),
                Arguments.of(with("\"tenant_id\":7.0"), "tenant_id", "must be an integer"),
                Arguments.of(VALID.replace("\"event_id\":\"e1\"", "\"event_id\":5"), "event_id", "must be a string"),
                Arguments.of(VALID.replace("\"aggregate_id\":\"a1\"", "\"aggregate_id\":{}"), "aggregate_id",
                        "must be a string"),
                Arguments.of(VALID.replace("\"event_type\":\"T\"", "\"event_type\":[\"T\"]"), "event_type",
                        "must be a string"),
                Arguments.of(with("\"trace_id\":false"), "trace_id", "must be a string"),
                Arguments.of(with("\"correlation_id\":1"), "correlation_id", "must be a string"),
                Arguments.of(VALID.replace(TS, "\"timestamp\":1714557600"), "timestamp",
                        "must be an RFC 3339 date-time"),
                Arguments.of(VALID.replace(TS, "\"timestamp\":\"yesterday\""), "timestamp",
                        "must be an RFC 3339 date-time"),
                Arguments.of(VALID.replace(TS, "\"timestamp\":\"2024-05-01 10:00:00Z\""), "timestamp",
                        "must be an RFC 3339 date-time"),
                Arguments.of(VALID.replace(TS, "\"timestamp\":\"2024-05-01T10:00:00\""), "timestamp",
                        "must be an RFC 3339 date-time"),
                Arguments.of(VALID.replace(TS, "\"timestamp\":{}"), "timestamp", "must be an RFC 3339 date-time"),
                // missing fields (reported by the validator)
                Arguments.of(VALID.replace(",\"payload\":{\"k\":[1,2]}", ""), "payload", "must be present"),
                Arguments.of(VALID.replace("\"event_id\":\"e1\",", ""), "event_id", "must not be blank"),
                Arguments.of(VALID.replace("\"aggregate_id\":\"a1\",", ""), "aggregate_id", "must not be blank"),
                Arguments.of(VALID.replace("\"event_type\":\"T\",", ""), "event_type", "must not be blank"),
                Arguments.of(VALID.replace("\"event_version\":1,", ""), "event_version", "must be >= 1 (was 0)"),
                Arguments.of(VALID.replace(TS + ",", ""), "timestamp", "must be present"),
                Arguments.of("{}", "event_id", "must not be blank"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsFieldAndRule(String doc, String field, String rule) {
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.decode(doc.getBytes(UTF_8)));
        assertEquals(field, ex.field(), ex.getMessage());
        if (rule.endsWith("*")) {
            String prefix = rule.substring(0, rule.length() - 1);
            assertTrue(ex.rule().startsWith(prefix) && ex.rule().length() > prefix.length(), ex.getMessage());
            assertTrue(ex.rule().length() <= prefix.length() + EnvelopeValidator.MAX_REASON_LENGTH);
            assertTrue(!ex.rule().contains("[Source:"), ex.getMessage());
        } else {
            assertEquals(rule, ex.rule());
        }
        assertEquals("Invalid envelope: " + ex.field() + " " + ex.rule(), ex.getMessage());
    }

    @Test
    void validTemplateDecodes() {
        assertEquals("{\"k\":[1,2]}", CODEC.decode(VALID.getBytes(UTF_8)).payloadAsString());
        assertEquals(7, CODEC.decode(with("\"tenant_id\":7").getBytes(UTF_8)).tenantId());
    }

    @Test
    void garbageBytes() {
        byte[][] inputs = {
                {(byte) 0xFF, (byte) 0xFE, 0x00, 0x7B},
                {0x00, 0x7B, 0x00, 0x7D},
                {(byte) 0xC3, (byte) 0x28, 0x7B},
                {0x01, 0x02, 0x03},
                {'{', '"', (byte) 0xFF, '"', ':', '1', '}'},
        };
        for (byte[] in : inputs) {
            InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, () -> CODEC.decode(in));
            assertEquals("envelope", ex.field(), ex.getMessage());
            assertTrue(ex.rule().startsWith("is not valid JSON: "), ex.getMessage());
        }
    }

    @Test
    void utf16InputIsRejected() {
        byte[] utf16 = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, () -> CODEC.decode(utf16));
        assertEquals("is not valid JSON: must be UTF-8 encoded", ex.rule());
    }

    @Test
    void deeplyNestedPayloadIsRejectedNotStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String doc = HEAD + "\"event_version\":1," + TS + ",\"payload\":" + deep + "}";
        InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.decode(doc.getBytes(UTF_8)));
        assertEquals("envelope", ex.field());
    }
}
