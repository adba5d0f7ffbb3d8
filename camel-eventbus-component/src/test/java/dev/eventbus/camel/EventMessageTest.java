package dev.eventbus.camel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.DataType;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumed event's message fills its headers and payload String on first use, and shows what an eager fill would. */
class EventMessageTest {

    private final CamelContext context = new DefaultCamelContext();
    // the format is what published events use: consuming does not need one
    private final ExchangeEnvelopes mapping = new ExchangeEnvelopes(new ObjectMapper(), null,
            "/eventbus/test", true);

    @BeforeEach
    void start() {
        context.start(); // the started context gives messages Camel's case-insensitive header map
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private static Envelope envelope(String traceId, String correlationId, long tenant) {
        return Envelope.builder().eventId("e-1").aggregateId("order-7").eventType("OrderPlaced").eventVersion(3)
                .timestamp(Instant.parse("2026-12-02T08:00:00.123Z")).traceId(traceId).correlationId(correlationId)
                .tenantId(tenant).payload("{\"total\":42}").build();
    }

    private Exchange consumed(Envelope envelope, Map<String, String> recordHeaders, DeliverMode deliver)
            throws Exception {
        Exchange exchange = new DefaultExchange(context);
        mapping.populate(exchange, envelope, null, new FixedDelivery(recordHeaders), 2, deliver, null,
                new EventBusHeaderFilterStrategy());
        assertInstanceOf(EventMessage.class, exchange.getMessage());
        return exchange;
    }

    @Test
    void headersAreFilledOnFirstUseWithEveryEnvelopeFieldTheRecordAndTheTraceHeaders() throws Exception {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("X-Source", "billing-go");
        record.put("x-source", "last one wins");
        record.put("CamelEventBusAggregateId", "spoofed");
        record.put("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        record.put("X-Event-ID", "a wire header: repeats the envelope");
        Exchange exchange = consumed(envelope("t-1", "c-1", 9), record, DeliverMode.payload);
        EventMessage message = (EventMessage) exchange.getMessage();
        assertFalse(message.headersFilled());

        Map<String, Object> headers = message.getHeaders();

        assertTrue(message.headersFilled());
        assertInstanceOf(CaseInsensitiveMap.class, headers);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put(EventBusConstants.EVENT_ID, "e-1");
        expected.put(EventBusConstants.AGGREGATE_ID, "order-7");
        expected.put(EventBusConstants.EVENT_TYPE, "OrderPlaced");
        expected.put(EventBusConstants.EVENT_VERSION, 3L);
        expected.put(EventBusConstants.TIMESTAMP, Instant.parse("2026-12-02T08:00:00.123Z"));
        expected.put(EventBusConstants.TRACE_ID, "t-1");
        expected.put(EventBusConstants.CORRELATION_ID, "c-1");
        expected.put(EventBusConstants.TENANT_ID, 9L);
        expected.put(EventBusConstants.CLOUD_EVENT_VERSION, "1.0");
        expected.put(EventBusConstants.CLOUD_EVENT_ID, "e-1");
        expected.put(EventBusConstants.CLOUD_EVENT_TYPE, "OrderPlaced");
        expected.put(EventBusConstants.CLOUD_EVENT_SOURCE, "/eventbus/test");
        expected.put(EventBusConstants.CLOUD_EVENT_SUBJECT, "order-7");
        expected.put(EventBusConstants.CLOUD_EVENT_TIME, "2026-12-02T08:00:00.123Z");
        expected.put(EventBusConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, "application/json");
        expected.put(EventBusConstants.TOPIC, "orders");
        expected.put(EventBusConstants.PARTITION, 5);
        expected.put(EventBusConstants.OFFSET, 77L);
        expected.put(EventBusConstants.DELIVERY_COUNT, 2);
        expected.put("X-Source", "last one wins");
        expected.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertEquals(expected, new LinkedHashMap<>(headers));
        // the tree built in one go is a valid tree: every name is found, in any letter case, and it takes new ones
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), message.getHeader(name), name);
            assertEquals(expected.get(name), message.getHeader(name.toUpperCase()), name);
            assertEquals(expected.get(name), message.getHeader(name.toLowerCase()), name);
        }
        List<String> names = new ArrayList<>(headers.keySet());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
        message.setHeader("a-first", 1);
        message.setHeader("zz-last", 2);
        message.removeHeader(EventBusConstants.TOPIC);
        assertEquals(1, message.getHeader("A-FIRST"));
        assertEquals(2, message.getHeader("ZZ-LAST"));
        assertNull(message.getHeader(EventBusConstants.TOPIC));
        assertEquals(expected.size() + 1, message.getHeaders().size());
    }

    @Test
    void optionalEnvelopeFieldsThatAreNotSetGiveNoHeader() throws Exception {
        Message message = consumed(envelope(null, null, 0), Map.of(), DeliverMode.payload).getMessage();

        assertEquals("order-7", message.getHeader("camelEventBusAggregateId"));
        assertFalse(message.getHeaders().containsKey(EventBusConstants.TRACE_ID));
        assertFalse(message.getHeaders().containsKey(EventBusConstants.CORRELATION_ID));
        assertFalse(message.getHeaders().containsKey(EventBusConstants.TENANT_ID));
        assertEquals(16, message.getHeaders().size());
    }

    @Test
    void thePayloadStringIsMadeOnFirstReadAndASetBodyReplacesItForGood() throws Exception {
        Message message = consumed(envelope(null, null, 0), Map.of(), DeliverMode.payload).getMessage();

        assertEquals("{\"total\":42}", message.getBody(String.class));
        assertSame(message.getBody(), message.getBody());
        message.setBody(null);
        assertNull(message.getBody());
        assertNull(message.getBody(String.class));
    }

    @Test
    void aBodySetThroughADataTypeOrACopyOrAResetAlsoReplacesThePayload() throws Exception {
        EventMessage typed = (EventMessage) consumed(envelope(null, null, 0), Map.of(), DeliverMode.payload)
                .getMessage();
        typed.setBody(null, new DataType("text")); // as a transformer with a data type does
        assertNull(typed.getBody());

        Exchange source = new DefaultExchange(context);
        source.getMessage().setBody("other");
        Message copied = consumed(envelope(null, null, 0), Map.of(), DeliverMode.payload).getMessage();
        copied.copyFromWithNewBody(source.getMessage(), null);
        assertNull(copied.getBody());

        EventMessage reset = (EventMessage) consumed(envelope(null, null, 0), Map.of(), DeliverMode.payload)
                .getMessage();
        reset.reset();
        assertNull(reset.getBody());
    }

    @Test
    void theEnvelopeModeGivesTheEnvelopeAsBody() throws Exception {
        Envelope envelope = envelope(null, null, 0);
        Message message = consumed(envelope, Map.of(), DeliverMode.envelope).getMessage();

        assertSame(envelope, message.getBody());
    }

    @Test
    void aCopyOfTheExchangeHasTheHeadersAndTheBody() throws Exception {
        Exchange copy = consumed(envelope(null, null, 0), Map.of("X-Source", "go"), DeliverMode.payload).copy();

        assertEquals("order-7", copy.getMessage().getHeader(EventBusConstants.AGGREGATE_ID));
        assertEquals("go", copy.getMessage().getHeader("x-source"));
        assertEquals("{\"total\":42}", copy.getMessage().getBody(String.class));
    }

    /** A delivery of topic orders, partition 5, offset 77. */
    private record FixedDelivery(Map<String, String> headers) implements Delivery {
        @Override
        public String topic() {
            return "orders";
        }

        @Override
        public int partition() {
            return 5;
        }

        @Override
        public long offset() {
            return 77;
        }

        @Override
        public String key() {
            return "order-7";
        }

        @Override
        public byte[] value() {
            return new byte[0];
        }

        @Override
        public int deliveryCount() {
            return 2;
        }

        @Override
        public void complete() {
        }
    }
}
