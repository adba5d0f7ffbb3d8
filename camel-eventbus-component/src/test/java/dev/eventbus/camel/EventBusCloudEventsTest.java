package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.format.CloudEventsBinding;
import dev.eventbus.camel.format.EncodedEvent;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudEvents formats on the memory transport: the option values, what producers write, what consumers read (any
 * format on one topic, in order, duplicates skipped across formats, invalid CloudEvents dead-lettered with a reason).
 */
class EventBusCloudEventsTest extends EventBusTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:mixed?concurrency=4").routeId("mixed").to("mock:mixed");
                from("eventbus:single").routeId("single").to("mock:single");
            }
        };
    }

    @Test
    void formatValuesAreTheDashedNames() {
        assertEquals(WireFormat.cloudevents_binary,
                eventbus("eventbus:a?format=cloudevents-binary").getConfiguration().getFormat());
        assertEquals(WireFormat.cloudevents_structured,
                eventbus("eventbus:b?format=cloudevents-structured").getConfiguration().getFormat());
        assertEquals(WireFormat.envelope, eventbus("eventbus:c").getConfiguration().getFormat());
        assertEquals("/eventbus/c", eventbus("eventbus:c").getConfiguration().cloudEventsSourceOrDefault());
        assertEquals("urn:orders", eventbus("eventbus:d?cloudEventsSource=urn:orders").getConfiguration()
                .cloudEventsSourceOrDefault());
        assertEquals("cloudevents-binary", WireFormat.cloudevents_binary.uriValue());
    }

    @Test
    void binaryProducerWritesCeHeadersAndThePayloadAsValue() {
        template.sendBodyAndHeaders("eventbus:raw-binary?format=cloudevents-binary&cloudEventsSource=urn:shop",
                "{\"total\":3}", event("o-1", "OrderPaid", 4));
        Delivery record = readRaw("raw-binary", "inspector", 1).get(0);
        assertEquals("{\"total\":3}", utf8(record.value()));
        assertEquals("o-1", record.key());
        Map<String, String> h = record.headers();
        assertEquals("1.0", h.get("ce_specversion"));
        assertEquals("urn:shop", h.get("ce_source"));
        assertEquals("OrderPaid", h.get("ce_type"));
        assertEquals("o-1", h.get("ce_subject"));
        assertEquals("4", h.get("ce_eventversion"));
        assertEquals("application/json", h.get("content-type"));
    }

    @Test
    void structuredProducerWritesTheJsonEventFormat() {
        template.sendBodyAndHeaders("eventbus:raw-structured?format=cloudevents-structured", "{\"total\":3}",
                event("o-1", "OrderPaid", 4));
        Delivery record = readRaw("raw-structured", "inspector", 1).get(0);
        assertEquals(Map.of("content-type", "application/cloudevents+json"), record.headers());
        String json = utf8(record.value());
        assertTrue(json.contains("\"source\":\"/eventbus/raw-structured\""), json);
        assertTrue(json.endsWith("\"data\":{\"total\":3}}"), json);
    }

    @Test
    void consumedCloudEventsCarryEventBusAndCamelCloudEventsHeadersButNotTheCeHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        Map<String, Object> headers = new HashMap<>(event("s-1", "Shipped", 1));
        headers.put(EventBusConstants.CORRELATION_ID, "c-1");
        template.sendBodyAndHeaders("eventbus:single?format=cloudevents-binary&cloudEventsSource=urn:a", "{\"n\":1}",
                headers);
        template.sendBodyAndHeaders("eventbus:single?format=cloudevents-structured&cloudEventsSource=urn:b",
                "{\"n\":2}",
                event("s-1", "Shipped", 2));
        template.sendBodyAndHeaders("eventbus:single", "{\"n\":3}", event("s-1", "Shipped", 3));
        mock.assertIsSatisfied(10_000);
        List<Exchange> received = mock.getReceivedExchanges();
        Message binary = received.get(0).getMessage();
        assertEquals("s-1", binary.getHeader(EventBusConstants.AGGREGATE_ID));
        assertEquals(1L, binary.getHeader(EventBusConstants.EVENT_VERSION));
        assertEquals("c-1", binary.getHeader(EventBusConstants.CORRELATION_ID));
        assertEquals(binary.getHeader(EventBusConstants.EVENT_ID), binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_ID));
        assertEquals("Shipped", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TYPE));
        assertEquals("urn:a", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE));
        assertEquals("s-1", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SUBJECT));
        assertEquals("1.0", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_VERSION));
        assertEquals("application/json", binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE));
        assertEquals(dev.eventbus.camel.envelope.Rfc3339.format(binary.getHeader(EventBusConstants.TIMESTAMP,
                java.time.Instant.class)), binary.getHeader(CloudEvent.CAMEL_CLOUD_EVENT_TIME));
        assertFalse(binary.getHeaders().keySet().stream().anyMatch(n -> n.startsWith("ce_")),
                binary.getHeaders().toString());
        assertEquals("urn:b", received.get(1).getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE));
        // an envelope record: the consuming endpoint's source
        assertEquals("/eventbus/single", received.get(2).getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE));
    }

    @Test
    void aTopicMixingAllFormatsKeepsPerAggregateOrderAndSkipsDuplicatesAcrossFormats() throws Exception {
        String[] uris = {"eventbus:mixed", "eventbus:mixed?format=cloudevents-binary",
                "eventbus:mixed?format=cloudevents-structured"};
        int aggregates = 6;
        int versions = 30;
        MockEndpoint mock = getMockEndpoint("mock:mixed");
        mock.expectedMessageCount(aggregates * versions);
        for (int v = 1; v <= versions; v++) {
            for (int a = 0; a < aggregates; a++) {
                String uri = uris[(v + a) % 3];
                Map<String, Object> headers = new HashMap<>(event("m-" + a, "Changed", v));
                headers.put(EventBusConstants.EVENT_ID, "m-" + a + "-" + v);
                template.sendBodyAndHeaders(uri, "{\"v\":" + v + "}", headers);
                if (v % 5 == 0) { // the same event again, in the next format: a duplicate
                    template.sendBodyAndHeaders(uris[(v + a + 1) % 3], "{\"v\":" + v + "}", headers);
                }
            }
        }
        mock.assertIsSatisfied(20_000);
        Map<String, List<Long>> seen = new HashMap<>();
        for (Exchange e : mock.getReceivedExchanges()) {
            seen.computeIfAbsent(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                    k -> new ArrayList<>())
                    .add(e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class));
        }
        for (List<Long> order : seen.values()) {
            for (int i = 0; i < versions; i++) {
                assertEquals(i + 1L, order.get(i), "order violation in " + order);
            }
        }
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("mixed").getConsumer();
        await().until(() -> consumer.getStats().duplicatesSkipped() == aggregates * (versions / 5));
        assertEquals(0, consumer.getStats().deadLettered());
    }

    @Test
    void aCloudEventWithoutSubjectOrVersionIsDeadLetteredWithTheReasonAndItsBytesAndHeaders() throws Exception {
        Map<String, String> headers = new HashMap<>(
                Map.of("ce_specversion", "1.0", "ce_id", "x-1", "ce_source", "urn:x",
                        "ce_type", "T", "ce_time", "2024-05-01T10:00:00Z", "ce_eventversion", "1", "X-Foreign", "yes"));
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        publish("single", headers, value);
        headers.put("ce_subject", "s-9");
        headers.remove("ce_eventversion");
        publish("single", headers, value);
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedBodiesReceived("{\"ok\":1}");
        template.sendBodyAndHeaders("eventbus:single?format=cloudevents-binary", "{\"ok\":1}", event("s-9", "T", 1));
        mock.assertIsSatisfied(10_000);
        List<Delivery> dead = readRaw("single.dlq", "inspector", 2);
        assertEquals("undecodable: Invalid envelope: CloudEvent attribute 'subject' must be present",
                dead.get(0).headers().get(DeadLetterHeaders.REASON));
        assertEquals("undecodable: Invalid envelope: CloudEvent attribute 'eventversion' must be present",
                dead.get(1).headers().get(DeadLetterHeaders.REASON));
        assertArrayEquals(value, dead.get(1).value());
        assertEquals("s-9", dead.get(1).headers().get("ce_subject"));
        assertEquals("yes", dead.get(1).headers().get("X-Foreign"));
        assertNull(dead.get(0).headers().get("ce_subject"));
    }

    @Test
    void theMemoryTransportUsesKafkasHeaderScheme() {
        assertEquals(CloudEventsBinding.KAFKA, eventbus("eventbus:k").formats().binding());
        assertEquals(CloudEventsBinding.NATS, eventbus("eventbus:n?transport=nats").formats().binding());
    }

    @Test
    void foreignCeHeadersOfEitherSchemeAndAnyCaseNeverBecomeCamelHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedMessageCount(1);
        byte[] value = eventbus("eventbus:single").formats().envelope()
                .encode(envelope("f-1", 1), "/x").value();
        publish("single", Map.of("ce-type", "Spoofed", "CE-SOURCE", "urn:evil", "Ce_Foo", "bar", "X-Foreign", "yes"),
                value);
        mock.assertIsSatisfied(10_000);
        Message m = mock.getReceivedExchanges().get(0).getMessage();
        assertEquals("yes", m.getHeader("X-Foreign"));
        assertFalse(m.getHeaders().keySet().stream().anyMatch(n -> n.regionMatches(true, 0, "ce-", 0, 3)
                || n.regionMatches(true, 0, "ce_", 0, 3)),
                m.getHeaders().toString());
    }

    @Test
    void aStructuredRecordThatAlsoCarriesCeHeadersIsDecodedAsStructured() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedBodiesReceived("{\"n\":1}");
        EncodedEvent structured = eventbus("eventbus:single").formats().structured()
                .encode(envelope("st-1", 1), "urn:s");
        Map<String, String> headers = new HashMap<>(structured.headers());
        headers.put("ce_specversion", "1.0");
        headers.put("ce_type", "Other");
        publish("single", headers, structured.value());
        mock.assertIsSatisfied(10_000);
        assertEquals("urn:s",
                mock.getReceivedExchanges().get(0).getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_SOURCE));
    }

    @Test
    void theFormatsContentTypeHeaderDoesNotBecomeTheExchangesContentType() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        template.sendBodyAndHeaders("eventbus:single?format=cloudevents-structured", "{\"n\":1}",
                event("ct-1", "T", 1));
        template.sendBodyAndHeaders("eventbus:single?format=cloudevents-binary", "{\"n\":2}", event("ct-1", "T", 2));
        byte[] value = eventbus("eventbus:single").formats().envelope().encode(envelope("ct-1", 3), "/x").value();
        // keyed by its aggregate id, as every producer of this component keys it: on its own partition it could overtake
        // versions 1 and 2
        publish("single", "ct-1", Map.of("Content-Type", "application/json"), value);
        mock.assertIsSatisfied(10_000);
        for (Exchange e : mock.getReceivedExchanges()) {
            assertNull(e.getMessage().getHeader(Exchange.CONTENT_TYPE), e.getMessage().getHeaders().toString());
            assertEquals("application/json", e.getMessage().getHeader(CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE));
        }
    }

    @Test
    void anEnvelopeRecordWithAStrayCeSpecversionHeaderIsDeliveredNotDeadLettered() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:single");
        mock.expectedBodiesReceived("{\"n\":1}");
        byte[] value = eventbus("eventbus:single").formats().envelope().encode(envelope("sv-1", 1), "/x").value();
        publish("single", Map.of("ce_specversion", "1.0"), value);
        mock.assertIsSatisfied(10_000);
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("single").getConsumer();
        assertEquals(0, consumer.getStats().deadLettered());
    }

    private static dev.eventbus.camel.envelope.Envelope envelope(String aggregate, long version) {
        return dev.eventbus.camel.envelope.Envelope.builder().eventId(aggregate + "-" + version).aggregateId(aggregate)
                .eventType("T").eventVersion(version).timestamp(java.time.Instant.parse("2024-05-01T10:00:00Z"))
                .payload("{\"n\":" + version + "}").build();
    }

    private void publish(String topic, Map<String, String> headers, byte[] value) {
        publish(topic, null, headers, value);
    }

    private void publish(String topic, String key, Map<String, String> headers, byte[] value) {
        eventbus("eventbus:" + topic).transport().publisher()
                .publish(List.of(new OutboundRecord(topic, key, value, Map.copyOf(headers)))).join();
    }
}
