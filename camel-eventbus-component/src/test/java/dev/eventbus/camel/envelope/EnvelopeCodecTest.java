package dev.eventbus.camel.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeCodecTest {

    static final EnvelopeCodec CODEC = new EnvelopeCodec();
    static final String ID = "0190b7a4-0000-7000-8000-000000000001";
    static final Instant TS = Instant.parse("2024-05-01T10:00:00.123456789Z");

    static Envelope.Builder base() {
        return Envelope.builder().eventId(ID).aggregateId("order-42").eventType("OrderPlaced")
                .eventVersion(3).timestamp(TS).payload("{\"sku\":\"A1\",\"qty\":2}");
    }

    static String encodeToString(Envelope e) {
        return new String(CODEC.encode(e), UTF_8);
    }

    // Expected literals below were produced by Go 1.19 encoding/json (json.Marshal of the
    // equivalent struct with omitempty on trace_id/correlation_id/tenant_id).

    @Test
    void encodesExactBytesWithoutOptionalFields() {
        assertEquals("{\"event_id\":\"" + ID + "\",\"aggregate_id\":\"order-42\",\"event_type\":\"OrderPlaced\","
                + "\"event_version\":3,\"timestamp\":\"2024-05-01T10:00:00.123456789Z\","
                + "\"payload\":{\"sku\":\"A1\",\"qty\":2}}", encodeToString(base().build()));
    }

    @Test
    void encodesExactBytesWithAllFields() {
        Envelope e = base().traceId("t1").correlationId("c-1").tenantId(7).build();
        assertEquals("{\"event_id\":\"" + ID + "\",\"aggregate_id\":\"order-42\",\"event_type\":\"OrderPlaced\","
                + "\"event_version\":3,\"timestamp\":\"2024-05-01T10:00:00.123456789Z\",\"trace_id\":\"t1\","
                + "\"correlation_id\":\"c-1\",\"tenant_id\":7,\"payload\":{\"sku\":\"A1\",\"qty\":2}}",
                encodeToString(e));
    }

    @Test
    void encodesEmptyTraceAsOmittedAndNegativeTenant() {
        Envelope e = base().traceId("").correlationId("c-1").tenantId(-7)
                .timestamp(Instant.parse("2024-05-01T10:00:00Z")).build();
        assertEquals("{\"event_id\":\"" + ID + "\",\"aggregate_id\":\"order-42\",\"event_type\":\"OrderPlaced\","
                + "\"event_version\":3,\"timestamp\":\"2024-05-01T10:00:00Z\",\"correlation_id\":\"c-1\","
                + "\"tenant_id\":-7,\"payload\":{\"sku\":\"A1\",\"qty\":2}}", encodeToString(e));
    }

    @Test
    void encodesGoHtmlSafeEscapes() {
        Envelope e = base()
                .eventType("A<b>&c\u2028d\u2029e\u0001f\u001fg\nh\ti\rj\"k\\l\bm\fn\u007fo\u00e9\u20ac\uD83D\uDE00")
                .build();
        String expected = "{\"event_id\":\"" + ID + "\",\"aggregate_id\":\"order-42\",\"event_type\":"
                + "\"A\\u003cb\\u003e\\u0026c\\u2028d\\u2029e\\u0001f\\u001fg\\nh\\ti\\rj\\\"k\\\\l\\u0008m\\u000cn\u007fo\u00e9\u20ac\uD83D\uDE00\","
                + "\"event_version\":3,\"timestamp\":\"2024-05-01T10:00:00.123456789Z\","
                + "\"payload\":{\"sku\":\"A1\",\"qty\":2}}";
        assertArrayEquals(expected.getBytes(UTF_8), CODEC.encode(e));
        assertEquals(e, CODEC.decode(CODEC.encode(e)));
    }

    @Test
    void encodesLoneSurrogatesAsReplacementEscape() {
        Envelope e = base().eventType("x\uD800y\uDC00z\uDC00\uD800").traceId("\uD83D").build();
        String json = encodeToString(e);
        assertTrue(json.contains("\"event_type\":\"x\\ufffdy\\ufffdz\\ufffd\\ufffd\""), json);
        assertTrue(json.contains("\"trace_id\":\"\\ufffd\""), json);
        assertEquals("x\uFFFDy\uFFFDz\uFFFD\uFFFD", CODEC.decode(json.getBytes(UTF_8)).eventType());
    }

    /** Found by EnvelopeDecoderFuzzTest: a lone surrogate escape stayed a lone surrogate, which encodes as U+FFFD. */
    @Test
    void decodesLoneSurrogateEscapesAsReplacementCharLikeGo() {
        String json = "{\"event_id\":\"e\",\"aggregate_id\":\"a\",\"event_type\":"
                + "\"x\\ud800y\\udc00z\\ud83d\\ud83d\\ude00\\ud83d\\u0041\\ud83d\\\\\",\"event_version\":1,"
                + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"trace_id\":\"\\uDE00\\uD83D\",\"payload\":{}}";
        Envelope e = CODEC.decode(json.getBytes(UTF_8));
        assertEquals("x\uFFFDy\uFFFDz\uFFFD\uD83D\uDE00\uFFFDA\uFFFD\\", e.eventType());
        assertEquals("\uFFFD\uFFFD", e.traceId());
        assertEquals(e, CODEC.decode(CODEC.encode(e)));
    }

    static Stream<String> payloads() {
        return Stream.of(
                "{\"sku\":\"A1\",\"qty\":2}",
                "{}",
                "[]",
                "{\"a\":[1,[2,[3,{\"b\":[]}]],\"x\"],\"n\":{\"m\":{\"k\":null}}}",
                "[[],[[]],{},[{\"a\":[[]]}]]",
                "\"he said \\\"hi\\\" \\\\ \\n \\u00e9 \\ud83d\\ude00 \u00e9 \u20ac \uD83D\uDE00 <&>\"",
                "\"\"",
                "0", "42", "-17", "-1.5e+10", "6.02E23", "1e-7", "3.14159",
                "true", "false", "[null]",
                "{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } ,\r\n \"c\":\"x\" }\n",
                "  {\"padded\":true}  ");
    }

    static Stream<Arguments> roundTripCases() {
        List<Arguments> out = new ArrayList<>();
        payloads().forEach(p -> {
            out.add(Arguments.of(p, false));
            out.add(Arguments.of(p, true));
        });
        return out.stream();
    }

    private static Envelope roundTripCase(String payload, boolean withOptional) {
        Envelope.Builder b = base().payload(payload);
        if (withOptional) {
            b.traceId("trace-\u00e9").correlationId("corr<1>").tenantId(Integer.MAX_VALUE);
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("roundTripCases")
    void roundTrips(String payload, boolean withOptional) {
        Envelope e = roundTripCase(payload, withOptional);
        byte[] bytes = CODEC.encode(e);
        assertTrue(new String(bytes, UTF_8).endsWith(",\"payload\":" + payload + "}"));
        Envelope d = CODEC.decode(bytes);
        // the decoder slices exactly the JSON value: whitespace inside is kept, around it is not
        String value = payload.strip();
        assertEquals(e.toBuilder().payload(value).build(), d);
        assertArrayEquals(value.getBytes(UTF_8), d.payload());
        assertEquals(value, d.payloadAsString());
        assertEquals(new String(bytes, UTF_8).replace(payload, value), new String(CODEC.encode(d), UTF_8));
    }

    /** The transports' decode keeps the payload as a view of the record: the same envelope, no copy until asked. */
    @ParameterizedTest
    @MethodSource("roundTripCases")
    void decodeInPlaceGivesTheSameEnvelopeWithThePayloadAsAViewOfTheBytes(String payload, boolean withOptional) {
        byte[] bytes = CODEC.encode(roundTripCase(payload, withOptional));
        Envelope copied = CODEC.decode(bytes);
        Envelope view = CODEC.decodeInPlace(bytes);
        assertEquals(copied, view);
        assertEquals(view, copied);
        assertEquals(copied.hashCode(), view.hashCode());
        assertEquals(copied.toString(), view.toString());
        assertEquals(copied.payloadAsString(), view.payloadAsString());
        assertEquals(copied.payload().length, view.payloadLength());
        assertArrayEquals(copied.payload(), view.payload());
        assertSame(view.payload(), view.payload(), "one copy, made on the first call");
        byte[] reencoded = CODEC.encode(copied);
        assertArrayEquals(reencoded, CODEC.encode(view));
        assertEquals(copied, view.toBuilder().build());
        assertArrayEquals(reencoded, CODEC.encode(view.toBuilder().build()));
    }

    @Test
    void aPayloadRangeIsValidatedAsItsOwnBytes() {
        byte[] array = "[{\"a\":1}, null, \"  \", 12]".getBytes(UTF_8);
        assertEquals("{\"a\":1}", base().payload(array, 1, 7).build().payloadAsString());
        CODEC.encode(base().payload(array, 1, 7).build());
        InvalidEnvelopeException nullPayload = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.encode(base().payload(array, 9, 5).build()));
        assertTrue(nullPayload.getMessage().contains("must not be JSON null"), nullPayload.getMessage());
        InvalidEnvelopeException blank = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.encode(base().payload(array, 17, 2).build()));
        assertTrue(blank.getMessage().contains("must be present"), blank.getMessage());
        InvalidEnvelopeException trailing = assertThrows(InvalidEnvelopeException.class,
                () -> CODEC.encode(base().payload(array, 1, 10).build()));
        assertTrue(trailing.getMessage().contains("trailing content"), trailing.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> base().payload(array, 20, 10));
    }

    /** The payload slice must be exact wherever the payload sits and whatever follows it. */
    @ParameterizedTest
    @MethodSource("payloads")
    void payloadOffsetsAreExactInEveryPosition(String payload) {
        String fields = "\"event_id\":\"e\",\"aggregate_id\":\"a\",\"event_type\":\"T\","
                + "\"event_version\":1,\"timestamp\":\"2024-05-01T10:00:00Z\"";
        String[] docs = {
                "{" + fields + ",\"payload\":" + payload + "}",
                "{" + fields + ",\"payload\":" + payload + " }",
                "{" + fields + ",\"payload\" :\n" + payload + "\n}",
                "{\"payload\":" + payload + "," + fields + "}",
                "{" + fields + ",\"payload\":" + payload + ",\"zz\":[1,{\"q\":\"}\"}]}",
                "{" + fields + ",\"payload\":" + payload + ",\"zz\":12}",
                "\t{ \"payload\":" + payload + "\t,\r\n" + fields + " }  \n",
        };
        String trimmed = payload.strip();
        for (String doc : docs) {
            Envelope e = CODEC.decode(doc.getBytes(UTF_8));
            assertEquals(trimmed, e.payloadAsString(), doc);
        }
    }

    @Test
    void decodesWithOffsetAndLength() {
        byte[] doc = CODEC.encode(base().payload("123").build());
        byte[] framed = new byte[doc.length + 10];
        framed[0] = '[';
        framed[1] = '9';
        System.arraycopy(doc, 0, framed, 4, doc.length);
        framed[4 + doc.length] = '}';
        framed[5 + doc.length] = '9';
        Envelope e = CODEC.decode(framed, 4, doc.length);
        assertEquals("123", e.payloadAsString());
        assertEquals(base().payload("123").build(), e);
        assertThrows(IndexOutOfBoundsException.class, () -> CODEC.decode(framed, 4, framed.length));
    }

    @Test
    void decodesGoDocumentWithOtherOrderUnknownFieldsAndOffsets() {
        String payload = "{\"sku\": \"A1\", \"qty\": 2, \"tags\": [\"x\", {\"y\": null}]}";
        String doc = "{\n"
                + "  \"tenant_id\": 7,\n"
                + "  \"payload\": " + payload + ",\n"
                + "  \"unknown_obj\": {\"a\": {\"b\": [1, 2, {\"c\": \"}\"}]}, \"d\": \"]\"},\n"
                + "  \"timestamp\" : \"2024-05-01T12:00:00.123+02:00\",\n"
                + "  \"event_type\":\"Order\\u003cPlaced\\u003e\",\n"
                + "  \"unknown_arr\": [[1], {\"x\": [2]}, \"str\", 3.5, true, null],\n"
                + "  \"aggregate_id\": \"order-42\",\n"
                + "  \"trace_id\": \"\",\n"
                + "  \"correlation_id\": null,\n"
                + "  \"event_version\": 3,\n"
                + "  \"event_id\": \"" + ID + "\",\n"
                + "  \"unknown_num\": -1e5\n"
                + "}\n";
        Envelope e = CODEC.decode(doc.getBytes(UTF_8));
        assertEquals(ID, e.eventId());
        assertEquals("order-42", e.aggregateId());
        assertEquals("Order<Placed>", e.eventType());
        assertEquals(3, e.eventVersion());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), e.timestamp());
        assertNull(e.traceId());
        assertNull(e.correlationId());
        assertEquals(7, e.tenantId());
        assertEquals(payload, e.payloadAsString());
    }

    @Test
    void decodesCompactGoOutputAndLastDuplicateWins() {
        String doc = "{\"event_id\":\"" + ID + "\",\"aggregate_id\":\"order-1\",\"event_type\":\"A\","
                + "\"event_version\":1,\"timestamp\":\"2024-05-01T10:00:00Z\",\"tenant_id\":5,"
                + "\"payload\":[1],\"event_type\":\"B\",\"aggregate_id\":\"order-2\",\"payload\":{\"v\":2},"
                + "\"tenant_id\":null}";
        Envelope e = CODEC.decode(doc.getBytes(UTF_8));
        assertEquals("B", e.eventType());
        assertEquals("order-2", e.aggregateId());
        assertEquals("{\"v\":2}", e.payloadAsString());
        assertEquals(0, e.tenantId());
    }

    @Test
    void decodeAcceptsUtf8ByteOrderMark() {
        byte[] doc = CODEC.encode(base().build());
        byte[] withBom = new byte[doc.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(doc, 0, withBom, 3, doc.length);
        assertEquals(base().build(), CODEC.decode(withBom));
    }

    @Test
    void embedsPayloadBytesVerbatim() {
        byte[] payload = "{\"k\":\"\u00e9\"}".getBytes(UTF_8);
        byte[] out = CODEC.encode(base().payload(payload).build());
        byte[] tail = java.util.Arrays.copyOfRange(out, out.length - payload.length - 1, out.length - 1);
        assertArrayEquals(payload, tail);
    }

    @Test
    void escapedFieldNamesAreMatched() {
        String doc = "{\"event\\u005fid\":\"e\",\"aggregate_id\":\"a\",\"event_type\":\"T\",\"event_version\":1,"
                + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"pay\\u006coad\":[true]}";
        Envelope e = CODEC.decode(doc.getBytes(UTF_8));
        assertEquals("e", e.eventId());
        assertEquals("[true]", e.payloadAsString());
    }

    @Test
    void sharedCodecIsThreadSafe() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Envelope e = base().aggregateId("agg-" + id + "-" + i).tenantId(i)
                                .payload("{\"n\":" + i + ",\"s\":\"x" + id + "\"}").build();
                        assertEquals(e, CODEC.decode(CODEC.encode(e)));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
