package dev.eventbus.camel.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFormatsTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final EventFormats kafka = new EventFormats(CloudEventsBinding.KAFKA, new EnvelopeCodec());
    private final EventFormats nats = new EventFormats(CloudEventsBinding.NATS, new EnvelopeCodec());

    static Envelope full() {
        return Envelope.builder().eventId("0192d6f0-0000-7000-8000-000000000001").aggregateId("order-1")
                .eventType("OrderPaid").eventVersion(3).timestamp(Instant.parse("2024-05-01T10:00:00.123456789Z"))
                .traceId(TRACEPARENT).correlationId("corr-1").tenantId(5_000_000_000L)
                .payload("{\"amount\":12.5,\"items\":[1,2]}").build();
    }

    static Envelope minimal() {
        return Envelope.builder().eventId("e-1").aggregateId("order-2").eventType("OrderCreated").eventVersion(1)
                .timestamp(Instant.parse("2024-05-01T10:00:00Z")).payload("\"text\"").build();
    }

    private EventFormats formats(CloudEventsBinding binding) {
        return binding == CloudEventsBinding.NATS ? nats : kafka;
    }

    @ParameterizedTest
    @EnumSource(CloudEventsBinding.class)
    void everyFormatRoundTripsTheEnvelopeAndIsDetected(CloudEventsBinding binding) {
        EventFormats f = formats(binding);
        for (Envelope e : new Envelope[]{full(), minimal()}) {
            for (EventFormat format : new EventFormat[]{f.envelope(), f.binary(), f.structured()}) {
                EventFormat.Decoded decoded = f.decode(RecordStub.of(format.encode(e, "/eventbus/orders")));
                assertEquals(e, decoded.envelope(), format.getClass().getSimpleName());
                assertArrayEquals(e.payload(), decoded.envelope().payload());
                assertEquals(format == f.envelope() ? null : "/eventbus/orders", decoded.source());
            }
        }
    }

    @Test
    void kafkaBinaryUsesCeUnderscoreHeadersAndContentType() {
        EncodedEvent encoded = kafka.binary().encode(full(), "/src");
        Map<String, String> h = encoded.headers();
        assertEquals("1.0", h.get("ce_specversion"));
        assertEquals(full().eventId(), h.get("ce_id"));
        assertEquals("/src", h.get("ce_source"));
        assertEquals("OrderPaid", h.get("ce_type"));
        assertEquals("order-1", h.get("ce_subject"));
        assertEquals("2024-05-01T10:00:00.123456789Z", h.get("ce_time"));
        assertEquals("application/json", h.get("content-type"));
        assertEquals("3", h.get("ce_eventversion"));
        assertEquals("corr-1", h.get("ce_correlationid"));
        assertEquals("5000000000", h.get("ce_tenantid"));
        assertEquals(TRACEPARENT, h.get("ce_traceid"));
        assertEquals(TRACEPARENT, h.get("ce_traceparent"));
        assertEquals("order-1", h.get("ce_partitionkey"));
        assertArrayEquals(full().payload(), encoded.value());
    }

    @Test
    void traceparentOnlyWhenTheTraceIdHasItsForm() {
        Envelope e = full().toBuilder().traceId("trace-1").build();
        Map<String, String> h = kafka.binary().encode(e, "/src").headers();
        assertEquals("trace-1", h.get("ce_traceid"));
        assertNull(h.get("ce_traceparent"));
    }

    @Test
    void natsBinaryPercentEncodesValuesAndCarriesDatacontenttypeAsAttribute() {
        Envelope e = full().toBuilder().eventType("订单已支付 \"paid\" 100%").correlationId("a+b 😀").build();
        Map<String, String> h = nats.binary().encode(e, "/src").headers();
        assertEquals("%E8%AE%A2%E5%8D%95%E5%B7%B2%E6%94%AF%E4%BB%98%20%22paid%22%20100%25", h.get("ce-type"));
        assertEquals("a+b%20%F0%9F%98%80", h.get("ce-correlationid"));
        assertEquals("application/json", h.get("ce-datacontenttype"));
        assertNull(h.get("Content-Type"));
        for (String value : h.values()) {
            assertTrue(value.chars().allMatch(c -> c > 0x20 && c < 0x7F), value);
        }
        assertEquals(e, nats.decode(RecordStub.of(new EncodedEvent(e.payload(), h))).envelope());
    }

    @Test
    void structuredIsTheJsonEventFormatWithThePayloadVerbatim() {
        EncodedEvent encoded = kafka.structured().encode(full(), "/src");
        assertEquals(Map.of("content-type", "application/cloudevents+json"), encoded.headers());
        String json = new String(encoded.value(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"specversion\":\"1.0\",\"id\":\"" + full().eventId() + "\",\"source\":\"/src\""),
                json);
        assertTrue(json.endsWith(",\"data\":{\"amount\":12.5,\"items\":[1,2]}}"), json);
        assertEquals(Map.of("Content-Type", "application/cloudevents+json"),
                nats.structured().encode(full(), "/s").headers());
    }

    @Test
    void recordsWithoutCloudEventsHeadersAreEnvelopes() {
        byte[] value = new EnvelopeCodec().encode(full());
        assertEquals(full(),
                kafka.decode(new RecordStub(value, Map.of("X-Event-ID", "x", "content-type", "application/json")))
                        .envelope());
    }

    @Test
    void detectionIgnoresHeaderNameCaseAndContentTypeParameters() {
        Map<String, String> h = new LinkedHashMap<>();
        kafka.binary().encode(minimal(), "/s").headers().forEach((k, v) -> h.put(k.toUpperCase(), v));
        assertEquals(minimal(), kafka.decode(new RecordStub(minimal().payload(), h)).envelope());
        byte[] structured = kafka.structured().encode(minimal(), "/s").value();
        assertEquals(minimal(), kafka.decode(new RecordStub(structured,
                Map.of("Content-Type", "Application/CloudEvents+JSON; charset=utf-8"))).envelope());
    }

    @Test
    void structuredReadsNumbersForExtensionsAndDataBase64() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e-9\",\"source\":\"urn:x\",\"type\":\"T\",\"subject\":\"a-9\","
                + "\"time\":\"2024-05-01T12:00:00+02:00\",\"eventversion\":7,\"tenantid\":42,"
                + "\"data_base64\":\"eyJrIjoxfQ==\"}";
        Envelope e = kafka.structured().decode(json.getBytes(StandardCharsets.UTF_8), Map.of()).envelope();
        assertEquals(7, e.eventVersion());
        assertEquals(42, e.tenantId());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), e.timestamp());
        assertEquals("{\"k\":1}", e.payloadAsString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "subject", "time", "eventversion"})
    void eachMissingAttributeIsNamedInTheReason(String attribute) {
        Map<String, String> h = new LinkedHashMap<>(kafka.binary().encode(minimal(), "/s").headers());
        h.remove("ce_" + attribute);
        h.put("ce_specversion", attribute.equals("specversion") ? "" : "1.0"); // keep it detectable as binary
        InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class,
                () -> kafka.decode(new RecordStub(minimal().payload(), h)));
        assertTrue(e.getMessage().contains("CloudEvent attribute '" + attribute + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("must be"), e.getMessage());

        String structured = new String(kafka.structured().encode(minimal(), "/s").value(), StandardCharsets.UTF_8)
                .replaceFirst("\"" + attribute + "\":\"[^\"]*\",", "");
        InvalidEnvelopeException s = assertThrows(InvalidEnvelopeException.class, () -> kafka.decode(
                new RecordStub(structured.getBytes(StandardCharsets.UTF_8),
                        Map.of("content-type", "application/cloudevents+json"))));
        assertTrue(s.getMessage().contains("CloudEvent attribute '" + attribute + "'"), s.getMessage());
    }

    @Test
    void envelopeRulesApplyWithTheAttributeName() {
        Map<String, String> h = new LinkedHashMap<>(kafka.binary().encode(minimal(), "/s").headers());
        h.put("ce_subject", "order 1");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'subject' must contain only");
        h = new LinkedHashMap<>(kafka.binary().encode(minimal(), "/s").headers());
        h.put("ce_eventversion", "0");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'eventversion' must be >= 1");
        h.put("ce_eventversion", "three");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'eventversion' must be an integer");
        h = new LinkedHashMap<>(kafka.binary().encode(minimal(), "/s").headers());
        assertReason(h, "null".getBytes(StandardCharsets.UTF_8), "CloudEvent attribute 'data' must not be JSON null");
        assertReason(h, "{oops".getBytes(StandardCharsets.UTF_8), "CloudEvent attribute 'data' must be valid JSON");
        assertReason(h, null, "CloudEvent attribute 'data' must be present");
        h.put("content-type", "text/plain");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'datacontenttype' must be application/json");
        h = new LinkedHashMap<>(kafka.binary().encode(minimal(), "/s").headers());
        h.put("ce_specversion", "0.3");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'specversion' must be 1.0 (was 0.3)");
        h.put("ce_specversion", "1.0");
        h.put("ce_time", "yesterday");
        assertReason(h, minimal().payload(), "CloudEvent attribute 'time' must be an RFC 3339 timestamp");
    }

    @Test
    void structuredSyntaxErrorsAreReasonsToo() {
        Map<String, String> ct = Map.of("content-type", "application/cloudevents+json");
        assertThrows(InvalidEnvelopeException.class, () -> kafka.decode(new RecordStub("{\"id\":".getBytes(), ct)));
        assertThrows(InvalidEnvelopeException.class, () -> kafka.decode(new RecordStub("[1]".getBytes(), ct)));
        assertThrows(InvalidEnvelopeException.class, () -> kafka.decode(new RecordStub("{} {}".getBytes(), ct)));
    }

    @Test
    void natsDecodingRejectsInvalidUtf8AndUnquotes() {
        Map<String, String> h = new LinkedHashMap<>(nats.binary().encode(minimal(), "/s").headers());
        h.put("ce-type", "%C0%A0");
        assertThrows(InvalidEnvelopeException.class, () -> nats.decode(new RecordStub(minimal().payload(), h)));
        h.put("ce-type", "\"Order Created\"");
        assertEquals("Order Created", nats.decode(new RecordStub(minimal().payload(), h)).envelope().eventType());
        h.put("ce-type", "a+b%e2%82%ac");
        assertEquals("a+b€", nats.decode(new RecordStub(minimal().payload(), h)).envelope().eventType());
    }

    private void assertReason(Map<String, String> headers, byte[] value, String reason) {
        InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class,
                () -> kafka.decode(new RecordStub(value, headers)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(CloudEventsBinding.class)
    void structuredIsDetectedBeforeBinary(CloudEventsBinding binding) {
        EventFormats f = formats(binding);
        EncodedEvent structured = f.structured().encode(full(), "urn:s");
        RecordStub record = RecordStub.of(structured);
        record.headers().putAll(f.binary().encode(minimal(), "urn:b").headers());
        record.headers().put(binding.contentTypeHeader(), CloudEventsBinding.STRUCTURED_CONTENT_TYPE);
        EventFormat.Decoded decoded = f.decode(record);
        assertEquals(full(), decoded.envelope());
        assertEquals("urn:s", decoded.source());
    }

    @ParameterizedTest
    @EnumSource(CloudEventsBinding.class)
    void anEnvelopeValueWithAStraySpecversionHeaderFallsBackToTheEnvelope(CloudEventsBinding binding) {
        EventFormats f = formats(binding);
        RecordStub record = RecordStub.of(f.envelope().encode(full(), "urn:x"));
        record.headers().put(binding == CloudEventsBinding.NATS ? "ce-specversion" : "ce_specversion", "1.0");
        assertEquals(full(), f.decode(record).envelope());
        RecordStub garbage = new RecordStub("{\"a\":1}".getBytes(StandardCharsets.UTF_8), record.headers());
        InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class, () -> f.decode(garbage));
        assertTrue(e.getMessage().contains("CloudEvent attribute 'id' must be present"), e.getMessage());
    }
}
