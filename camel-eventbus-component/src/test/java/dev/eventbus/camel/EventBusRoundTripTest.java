package dev.eventbus.camel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBusRoundTripTest extends EventBusTestSupport {

    /** A payload type for payloadType=... */
    public static class OrderPlaced {
        public String sku;
        public int qty;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:orders").routeId("payload").to("mock:payload");
                from("eventbus:orders?groupId=audit&deliver=envelope").routeId("envelope").to("mock:envelope");
                from("eventbus:typed?payloadType=" + OrderPlaced.class.getName()).to("mock:typed");
                from("eventbus:batches").to("mock:batches");
            }
        };
    }

    @Test
    void envelopeBodiesArePublishedAsTheyAreAndDeliveredWithDeliverEnvelope() throws Exception {
        Envelope sent = Envelope.builder().aggregateId("order-2").eventType("OrderShipped").eventVersion(4)
                .traceId("t").payload("[1,2,{\"x\":null}]").build();
        MockEndpoint envelopes = getMockEndpoint("mock:envelope");
        envelopes.expectedMessageCount(1);
        MockEndpoint payloads = getMockEndpoint("mock:payload");
        payloads.expectedBodiesReceived("[1,2,{\"x\":null}]");

        template.sendBody("eventbus:orders", sent);

        envelopes.assertIsSatisfied(10_000);
        payloads.assertIsSatisfied(10_000);
        Exchange received = envelopes.getReceivedExchanges().get(0);
        assertEquals(sent, received.getMessage().getBody(Envelope.class));
        assertEquals("order-2", received.getMessage().getHeader(EventBusConstants.AGGREGATE_ID));
    }

    @Test
    void absentEventIdAndTimestampAreGenerated() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:envelope");
        mock.expectedMessageCount(1);
        Instant before = Instant.now();
        template.sendBodyAndHeaders("eventbus:orders", Map.of("sku", "B2"), event("order-3", "OrderPlaced", 1));
        mock.assertIsSatisfied(10_000);
        Envelope envelope = mock.getReceivedExchanges().get(0).getMessage().getBody(Envelope.class);
        assertTrue(envelope.eventId().matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                envelope.eventId());
        assertTrue(!envelope.timestamp().isBefore(before.minusMillis(1)), envelope.timestamp().toString());
        assertEquals("{\"sku\":\"B2\"}", envelope.payloadAsString());
    }

    @Test
    void payloadTypeUnmarshalsThePayloadIgnoringUnknownFields() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:typed");
        mock.expectedMessageCount(1);
        template.sendBodyAndHeaders("eventbus:typed", "{\"sku\":\"C3\",\"qty\":5,\"addedLater\":true}",
                event("order-4", "OrderPlaced", 1));
        mock.assertIsSatisfied(10_000);
        OrderPlaced body = assertInstanceOf(OrderPlaced.class,
                mock.getReceivedExchanges().get(0).getMessage().getBody());
        assertEquals("C3", body.sku);
        assertEquals(5, body.qty);
    }

    @Test
    void aCollectionIsPublishedAsOneBatchWithConsecutiveVersions() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:batches");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}", "\"three\"", "{\"n\":4}");
        mock.expectedHeaderValuesReceivedInAnyOrder(EventBusConstants.EVENT_VERSION, 1L, 2L, 3L, 7L);

        template.sendBodyAndHeaders("eventbus:batches", List.of(Map.of("n", 1), "{\"n\":2}", "\"three\"".getBytes()),
                event("order-5", "LineAdded", 1));
        template.sendBody("eventbus:batches", List.of(Envelope.builder().aggregateId("order-5").eventType("LineAdded")
                .eventVersion(7).payload("{\"n\":4}").build()));

        mock.assertIsSatisfied(10_000);
        List<Exchange> exchanges = mock.getReceivedExchanges();
        assertEquals(4,
                exchanges.stream().map(e -> e.getMessage().getHeader(EventBusConstants.EVENT_ID)).distinct().count(),
                "every batch item gets its own event id");
    }

    @Test
    void afterAPublishTheExchangeCarriesTheEventIdsThatWerePublished() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:batches");
        mock.expectedMessageCount(4);

        Exchange single = template.send("eventbus:batches", e -> {
            e.getMessage().setBody("{\"n\":1}");
            e.getMessage().setHeaders(new HashMap<>(event("order-6", "LineAdded", 1)));
        });
        Exchange given = template.send("eventbus:batches", e -> {
            e.getMessage().setBody("{\"n\":2}");
            e.getMessage().setHeaders(new HashMap<>(event("order-6", "LineAdded", 2)));
            e.getMessage().setHeader(EventBusConstants.EVENT_ID, "evt-given");
        });
        Exchange batch = template.send("eventbus:batches", e -> {
            e.getMessage().setBody(List.of("{\"n\":3}", "{\"n\":4}"));
            e.getMessage().setHeaders(new HashMap<>(event("order-6", "LineAdded", 3)));
        });

        mock.assertIsSatisfied(10_000);
        List<Object> consumedIds = mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(EventBusConstants.EVENT_ID)).toList();
        assertEquals(consumedIds.get(0), single.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID));
        assertEquals("evt-given", given.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID));
        assertEquals(consumedIds.subList(2, 4), batch.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID));
        assertEquals(null, single.getMessage().getHeader(EventBusConstants.EVENT_ID),
                "the input header stays unset, so a second publish of the exchange gets a new id");
    }

    @Test
    void aFailedPublishLeavesNoPublishedIdOfAnEarlierPublish() {
        Exchange exchange = template.send("eventbus:batches", e -> {
            e.getMessage().setBody("{\"n\":1}");
            e.getMessage().setHeaders(new HashMap<>(event("order-7", "LineAdded", 1)));
        });
        assertNotNull(exchange.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID));

        exchange.getMessage().setBody("not json");
        template.send("eventbus:batches", exchange);

        assertNotNull(exchange.getException(), "the second publish is refused");
        assertEquals(null, exchange.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID),
                "the id of the first publish must not pass for the second's");
    }
}
