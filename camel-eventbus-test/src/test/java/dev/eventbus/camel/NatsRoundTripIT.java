package dev.eventbus.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips over a real nats-server, checked with plain jnats on the wire. */
class NatsRoundTripIT extends NatsTestSupport {

    private static final String TYPE = "订单已支付";
    private static final String EVENT_ID = "evt\n1\t😀";
    private static final String TRACE_ID = "trace\t🚀\nx";
    private static final String CORRELATION_ID = "corr\n✓ 😀";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=billing")).routeId("billing").to("mock:billing");
            }
        };
    }

    @Test
    void theStoredMessageIsTheWireFormat() throws Exception {
        Instant when = Instant.parse("2024-05-01T10:00:00.123456789Z");
        Map<String, Object> headers = new HashMap<>(event("order-1", "OrderPlaced", 1));
        headers.put(EventBusConstants.EVENT_ID, "evt-1");
        headers.put(EventBusConstants.TIMESTAMP, when);
        headers.put(EventBusConstants.TRACE_ID, "trace-1");
        headers.put(EventBusConstants.CORRELATION_ID, "corr-1");
        headers.put(EventBusConstants.TENANT_ID, 7);
        // what the route receives is the contract's (EventBusContract.everyHeaderRoundTrips); here: the wire format
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedMessageCount(1);

        template.sendBodyAndHeaders(nats(""), "{\"sku\":\"A1\",\"qty\":2}", headers);

        mock.assertIsSatisfied(10_000);
        String stream = topic.toUpperCase();
        MessageInfo stored = stored(stream, 1);
        assertEquals(topic, stored.getSubject());
        Envelope expected = Envelope.builder().eventId("evt-1").aggregateId("order-1").eventType("OrderPlaced")
                .eventVersion(1).timestamp(when).traceId("trace-1").correlationId("corr-1").tenantId(7)
                .payload("{\"sku\":\"A1\",\"qty\":2}").build();
        assertArrayEquals(new EnvelopeCodec().encode(expected), stored.getData(),
                () -> new String(stored.getData(), StandardCharsets.UTF_8));
        Headers h = stored.getHeaders();
        assertEquals("evt-1", h.getFirst("Nats-Msg-Id"));
        assertEquals("evt-1", h.getFirst("X-Event-ID"));
        assertEquals("order-1", h.getFirst("X-Aggregate-ID"));
        assertEquals("1", h.getFirst("X-Event-Version"));
        assertEquals("OrderPlaced", h.getFirst("X-Event-Type"));
        assertEquals("trace-1", h.getFirst("X-Trace-ID"));
        assertEquals("corr-1", h.getFirst("X-Correlation-ID"));
        assertEquals("7", h.getFirst("X-Tenant-ID"));
        assertEquals(8, h.keySet().size(), h.keySet().toString());
    }

    @Test
    void messagesPublishedByPlainJnatsInTheWireFormatAreConsumed() throws Exception {
        context.getRouteController().startRoute("billing"); // creates the stream
        Envelope envelope = Envelope.builder().eventId("go-1").aggregateId("order-9").eventType("OrderPlaced")
                .eventVersion(3).payload("{\"from\":\"go\"}").build();
        Headers headers = new Headers().put("Nats-Msg-Id", "go-1").put("X-Event-ID", "go-1")
                .put("X-Aggregate-ID", "order-9").put("X-Event-Version", "3").put("X-Event-Type", "OrderPlaced")
                .put("X-Source", "billing-go");
        HeaderSpoofing.CAMEL_LOOKALIKES.forEach(headers::put);
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedBodiesReceived("{\"from\":\"go\"}");
        mock.expectedHeaderReceived(EventBusConstants.EVENT_ID, "go-1");
        mock.expectedHeaderReceived(EventBusConstants.EVENT_VERSION, 3L);

        plain().jetStream().publish(topic, headers, new EnvelopeCodec().encode(envelope));

        mock.assertIsSatisfied(10_000);
        assertEquals("billing-go", mock.getReceivedExchanges().get(0).getMessage().getHeader("X-Source"));
        HeaderSpoofing.assertNoCamelLookalike(mock.getReceivedExchanges().get(0).getMessage());
    }

    @Test
    void theSameEventIdPublishedTwiceIsStoredOnce() throws Exception {
        Envelope envelope = Envelope.builder().eventId("dup-1").aggregateId("order-5").eventType("OrderPlaced")
                .eventVersion(1).payload("{}").build();
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedMessageCount(2);

        template.sendBody(nats(""), envelope);
        template.sendBody(nats(""), envelope);
        template.sendBody(nats(""), Envelope.builder().eventId("dup-2").aggregateId("order-5").eventType("OrderPaid")
                .eventVersion(2).payload("{}").build());

        mock.assertIsSatisfied(10_000);
        assertEquals(2, streamMessages(topic.toUpperCase()));
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> mock.getReceivedCounter() == 2);
    }

    private Map<String, Object> unicodeEvent(String eventId, long version) {
        Map<String, Object> headers = new HashMap<>(event("order-1", TYPE, version));
        headers.put(EventBusConstants.EVENT_ID, eventId);
        headers.put(EventBusConstants.TRACE_ID, TRACE_ID);
        headers.put(EventBusConstants.CORRELATION_ID, CORRELATION_ID);
        return headers;
    }

    /**
     * Every valid envelope publishes, although NATS header values allow printable ASCII only: an event type in Chinese,
     * ids with newlines, tabs and emoji travel; the consumed fields are exactly the envelope's, and the header copies on
     * the wire (Nats-Msg-Id included) are percent-encoded.
     */
    @Test
    void anAggregateIdWithSurroundingWhiteSpaceIsConsumedAsWritten() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedHeaderReceived(EventBusConstants.AGGREGATE_ID, "\torder-9 ");
        template.sendBodyAndHeaders(nats(""), "{}", Map.of(EventBusConstants.AGGREGATE_ID, "\torder-9 ",
                EventBusConstants.EVENT_TYPE, "T", EventBusConstants.EVENT_VERSION, 1L));
        EventBusConsumer billing = (EventBusConsumer) context.getRoute("billing").getConsumer();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(1, mock.getReceivedCounter(),
                () -> billing.getStats().toString() + " " + billing.getPollFailures()));
        mock.assertIsSatisfied(10_000);
        assertEquals(0, ((EventBusConsumer) context.getRoute("billing").getConsumer()).getStats().deadLettered());
    }

    @Test
    void nonAsciiTypesAndIdsWithControlCharactersPublishAndAreConsumedExactly() throws Exception {
        // an ASCII event id that reads like the encoded form of the first: still a different message id, not deduplicated
        String lookalike = "evt%0A1%09%F0%9F%98%80";
        MockEndpoint mock = getMockEndpoint("mock:billing");
        mock.expectedMessageCount(2);

        template.sendBodyAndHeaders(nats(""), "{\"n\":1}", unicodeEvent(EVENT_ID, 1));
        template.sendBodyAndHeaders(nats(""), "{\"n\":2}", unicodeEvent(lookalike, 2));

        mock.assertIsSatisfied(10_000);
        for (int i = 0; i < 2; i++) {
            org.apache.camel.Message in = mock.getReceivedExchanges().get(i).getMessage();
            assertEquals(i == 0 ? EVENT_ID : lookalike, in.getHeader(EventBusConstants.EVENT_ID));
            assertEquals(TYPE, in.getHeader(EventBusConstants.EVENT_TYPE));
            assertEquals(TRACE_ID, in.getHeader(EventBusConstants.TRACE_ID));
            assertEquals(CORRELATION_ID, in.getHeader(EventBusConstants.CORRELATION_ID));
            assertEquals("order-1", in.getHeader(EventBusConstants.AGGREGATE_ID));
        }

        MessageInfo stored = stored(topic.toUpperCase(), 1);
        Envelope envelope = new EnvelopeCodec().decode(stored.getData());
        assertEquals(EVENT_ID, envelope.eventId());
        assertEquals(TYPE, envelope.eventType());
        assertEquals(TRACE_ID, envelope.traceId());
        assertEquals(CORRELATION_ID, envelope.correlationId());
        Headers h = stored.getHeaders();
        assertEquals("%E8%AE%A2%E5%8D%95%E5%B7%B2%E6%94%AF%E4%BB%98", h.getFirst("X-Event-Type"));
        assertEquals(TYPE, URLDecoder.decode(h.getFirst("X-Event-Type"), UTF_8));
        assertEquals(EVENT_ID, URLDecoder.decode(h.getFirst("X-Event-ID"), UTF_8));
        assertEquals(TRACE_ID, URLDecoder.decode(h.getFirst("X-Trace-ID"), UTF_8));
        assertEquals(CORRELATION_ID, URLDecoder.decode(h.getFirst("X-Correlation-ID"), UTF_8));
        assertEquals(EVENT_ID, URLDecoder.decode(h.getFirst("Nats-Msg-Id"), UTF_8));
        assertTrue(h.getFirst("Nats-Msg-Id").chars().allMatch(c -> c >= 0x20 && c <= 0x7E), h.getFirst("Nats-Msg-Id"));
        assertNotEquals(stored(topic.toUpperCase(), 2).getHeaders().getFirst("Nats-Msg-Id"), h.getFirst("Nats-Msg-Id"));
        assertEquals(2, streamMessages(topic.toUpperCase()));
    }
}
