package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The wire format on a real Kafka broker: what we write is exactly the envelope, and what others write is consumed. */
class KafkaRoundTripIT extends KafkaITSupport {

    private final String foreign = topic + "-foreign";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=roundtrip").to("mock:received");
                from("eventbus:" + foreign + "?groupId=roundtrip&deliver=envelope").to("mock:foreign");
            }
        };
    }

    @Test
    void theRecordIsExactlyTheWireFormat() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:received");
        mock.expectedMessageCount(1);
        Instant time = Instant.parse("2026-11-22T10:15:30.123456789Z");
        Map<String, Object> headers = new HashMap<>();
        headers.put(EventBusConstants.EVENT_ID, "0193a5f0-0000-7000-8000-000000000001");
        headers.put(EventBusConstants.AGGREGATE_ID, "order-42");
        headers.put(EventBusConstants.EVENT_TYPE, "OrderPlaced");
        headers.put(EventBusConstants.EVENT_VERSION, 3L);
        headers.put(EventBusConstants.TIMESTAMP, time);
        headers.put(EventBusConstants.TRACE_ID, "trace-1");
        headers.put(EventBusConstants.CORRELATION_ID, "corr-1");
        headers.put(EventBusConstants.TENANT_ID, 7);
        template.sendBodyAndHeaders("eventbus:" + topic, "{\"total\":12.5,\"items\":[1,2]}", headers);

        mock.assertIsSatisfied(20_000);
        // what the route receives is the contract's (EventBusContract.everyHeaderRoundTrips); here: the wire format
        Exchange received = mock.getReceivedExchanges().get(0);
        // read back with a plain consumer: key, value and headers are the wire format
        ConsumerRecord<String, byte[]> record = readRaw(topic, 1).get(0);
        assertEquals("order-42", record.key());
        assertEquals("{\"event_id\":\"0193a5f0-0000-7000-8000-000000000001\",\"aggregate_id\":\"order-42\","
                + "\"event_type\":\"OrderPlaced\",\"event_version\":3,\"timestamp\":\"2026-11-22T10:15:30.123456789Z\","
                + "\"trace_id\":\"trace-1\",\"correlation_id\":\"corr-1\",\"tenant_id\":7,"
                + "\"payload\":{\"total\":12.5,\"items\":[1,2]}}",
                new String(record.value(), StandardCharsets.UTF_8));
        assertEquals(Map.of("X-Event-ID", "0193a5f0-0000-7000-8000-000000000001", "X-Aggregate-ID", "order-42",
                "X-Event-Version", "3", "X-Event-Type", "OrderPlaced", "X-Trace-ID", "trace-1",
                "X-Correlation-ID", "corr-1", "X-Tenant-ID", "7"), headers(record));
        assertEquals(record.partition(), received.getMessage().getHeader(EventBusConstants.PARTITION));
        assertEquals(record.offset(), received.getMessage().getHeader(EventBusConstants.OFFSET));
    }

    @Test
    void recordsWrittenByAPlainProducerAreConsumedAndForeignHeadersAreFiltered() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:foreign");
        mock.expectedMessageCount(2);
        Envelope first = Envelope.builder().eventId("go-1").aggregateId("cart-9").eventType("ItemAdded").eventVersion(1)
                .timestamp(Instant.parse("2026-01-02T03:04:05Z")).payload("{\"sku\":\"A\"}").build();
        Envelope second = first.toBuilder().eventId("go-2").eventVersion(2).payload("{\"sku\":\"B\"}").build();
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            // as a Go service writes them: JSON value keyed by aggregate id, X-* headers, plus a header trying to
            // pass itself off as a Camel-internal one
            Map<String, String> spoofed = new java.util.HashMap<>(HeaderSpoofing.CAMEL_LOOKALIKES);
            spoofed.putAll(Map.of("X-Event-ID", "go-1", "X-Source", "billing-go"));
            sendRaw(producer, foreign, "cart-9", new EnvelopeCodec().encode(first), spoofed);
            sendRaw(producer, foreign, "cart-9", new EnvelopeCodec().encode(second), Map.of("X-Event-ID", "go-2"));
        }
        mock.assertIsSatisfied(20_000);
        List<Exchange> exchanges = mock.getReceivedExchanges();
        assertEquals(first, exchanges.get(0).getMessage().getBody(Envelope.class));
        assertEquals(second, exchanges.get(1).getMessage().getBody(Envelope.class));
        assertEquals("cart-9", exchanges.get(0).getMessage().getHeader(EventBusConstants.AGGREGATE_ID));
        // foreign headers pass; the wire headers only repeat envelope fields, which are CamelEventBus* headers
        assertEquals("billing-go", exchanges.get(0).getMessage().getHeader("X-Source"));
        assertNull(exchanges.get(0).getMessage().getHeader("X-Event-ID"));
        HeaderSpoofing.assertNoCamelLookalike(exchanges.get(0).getMessage());
    }
}
