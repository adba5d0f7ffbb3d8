package dev.eventbus.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.format.EncodedEvent;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C trace context on the memory transport: {@code traceparent}, {@code tracestate} and {@code baggage} leave under
 * their lowercase names whatever the Camel header's letter case, come in as those Camel headers whatever the record's
 * letter case, malformed values are dropped both ways, and an event without a trace id gets the traceparent's.
 */
class EventBusTraceHeadersTest extends EventBusTestSupport {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    static final String BAGGAGE = "userId=alice,serverNode=DF%2028,isProduction=false";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        context.getRegistry().bind("noTraceOut", new DefaultHeaderFilterStrategy() {
            {
                setOutFilter(java.util.Set.of("traceparent"));
                setInFilter(java.util.Set.of("baggage"));
            }
        });
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:traced").routeId("traced").to("mock:traced");
                from("eventbus:filtered?headerFilterStrategy=#noTraceOut").routeId("filtered").to("mock:filtered");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelope", "cloudevents-binary", "cloudevents-structured"})
    void mixedCaseCamelHeadersLeaveLowercaseAndComeBackAsTheThreeCamelHeaders(String format) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(1);
        Map<String, Object> headers = new HashMap<>(event("t-1", "T", 1));
        headers.put("TraceParent", TRACEPARENT);
        headers.put("TRACESTATE", TRACESTATE);
        headers.put("Baggage", BAGGAGE);
        headers.put("X-Not-Propagated", "no");
        headers.put("CamelSomethingInternal", "no");
        template.sendBodyAndHeaders("eventbus:traced?format=" + format, "{}", headers);
        template.sendBodyAndHeaders("eventbus:traced-raw-" + format + "?format=" + format, "{}", headers);

        Map<String, String> wire = readRaw("traced-raw-" + format, "inspector", 1).get(0).headers();
        assertEquals(TRACEPARENT, wire.get("traceparent"));
        assertEquals(TRACESTATE, wire.get("tracestate"));
        assertEquals(BAGGAGE, wire.get("baggage"));
        assertFalse(wire.keySet().stream().anyMatch(n -> n.equals("TraceParent") || n.equals("TRACESTATE")
                || n.equals("Baggage") || n.equalsIgnoreCase("X-Not-Propagated") || n.regionMatches(true, 0, "camel", 0,
                        5)),
                wire.toString());

        mock.assertIsSatisfied(10_000);
        Message m = mock.getReceivedExchanges().get(0).getMessage();
        assertExactlyNamed(m, "traceparent", TRACEPARENT);
        assertExactlyNamed(m, "tracestate", TRACESTATE);
        assertExactlyNamed(m, "baggage", BAGGAGE);
        assertEquals(TRACE_ID, m.getHeader(EventBusConstants.TRACE_ID));
    }

    @Test
    void foreignTraceHeadersInAnyLetterCaseBecomeTheLowercaseCamelHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(1);
        publish("traced", Map.of("TraceParent", TRACEPARENT, "TRACESTATE", TRACESTATE, "BAGGAGE", BAGGAGE));
        mock.assertIsSatisfied(10_000);
        Message m = mock.getReceivedExchanges().get(0).getMessage();
        assertExactlyNamed(m, "traceparent", TRACEPARENT);
        assertExactlyNamed(m, "tracestate", TRACESTATE);
        assertExactlyNamed(m, "baggage", BAGGAGE);
        // a consumed envelope keeps its own trace id (none here): the consumer never fills it
        assertNull(m.getHeader(EventBusConstants.TRACE_ID));
    }

    @Test
    void aStructuredCloudEventsDistributedTracingExtensionGivesTheTraceparentWhenNoHeaderDoes() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(1);
        Envelope event = Envelope.builder().aggregateId("ce-1").eventType("T").eventVersion(1).traceId(TRACEPARENT)
                .payload("{}").build();
        EncodedEvent structured = eventbus("eventbus:traced").formats().structured().encode(event, "urn:go");
        assertTrue(new String(structured.value(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"traceparent\":\"" + TRACEPARENT + "\""));
        eventbus("eventbus:traced").transport().publisher()
                .publish(List.of(new OutboundRecord("traced", "ce-1", structured.value(), structured.headers())))
                .join();
        mock.assertIsSatisfied(10_000);
        assertExactlyNamed(mock.getReceivedExchanges().get(0).getMessage(), "traceparent", TRACEPARENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // uppercase hex
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 with more
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", // no flags
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
            "garbage"})
    void aMalformedTraceparentIsDroppedBothWaysWithItsTracestateAndFillsNoTraceId(String bad) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(2);
        // inbound: a foreign record
        publish("traced", Map.of("traceparent", bad, "tracestate", TRACESTATE, "baggage", BAGGAGE));
        // outbound: a route's exchange
        Map<String, Object> headers = new HashMap<>(event("t-1", "T", 2));
        headers.put("traceparent", bad);
        headers.put("tracestate", TRACESTATE);
        headers.put("baggage", BAGGAGE);
        template.sendBodyAndHeaders("eventbus:traced", "{}", headers);
        template.sendBodyAndHeaders("eventbus:traced-bad", "{}", headers);

        Map<String, String> wire = readRaw("traced-bad", "inspector", 1).get(0).headers();
        assertEquals(Map.of("baggage", BAGGAGE), wire);
        mock.assertIsSatisfied(10_000);
        for (var exchange : mock.getReceivedExchanges()) {
            Message m = exchange.getMessage();
            assertNull(m.getHeader("traceparent"));
            assertNull(m.getHeader("tracestate"));
            assertEquals(BAGGAGE, m.getHeader("baggage"));
            assertNull(m.getHeader(EventBusConstants.TRACE_ID));
        }
    }

    @Test
    void valuesOutOfBoundsOrWithControlCharactersAreDropped() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(2);
        publish("traced", Map.of("traceparent", TRACEPARENT, "tracestate", "a=" + "x".repeat(511), "baggage",
                "k=" + "v".repeat(8191)));
        publish("traced", Map.of("traceparent", TRACEPARENT, "tracestate", "a=1\r\nX-Evil: 1", "baggage", "k=\u00e9"));
        mock.assertIsSatisfied(10_000);
        for (var exchange : mock.getReceivedExchanges()) {
            Message m = exchange.getMessage();
            assertEquals(TRACEPARENT, m.getHeader("traceparent"));
            assertNull(m.getHeader("tracestate"));
            assertNull(m.getHeader("baggage"));
        }
        // at the bounds they pass
        Map<String, Object> headers = new HashMap<>(event("t-2", "T", 1));
        headers.put("tracestate", "a=" + "x".repeat(510));
        headers.put("baggage", "k=" + "v".repeat(8190));
        headers.put("traceparent", TRACEPARENT);
        template.sendBodyAndHeaders("eventbus:traced-bounds", "{}", headers);
        Map<String, String> wire = readRaw("traced-bounds", "inspector", 1).get(0).headers();
        assertEquals(512, wire.get("tracestate").length());
        assertEquals(8192, wire.get("baggage").length());
    }

    @Test
    void theProducerFillsAMissingTraceIdFromTheTraceparentAndNeverOverridesASetOne() {
        Map<String, Object> headers = new HashMap<>(event("f-1", "T", 1));
        headers.put("traceparent", TRACEPARENT);
        template.sendBodyAndHeaders("eventbus:fill", "{}", headers);
        headers.put(EventBusConstants.EVENT_VERSION, 2L);
        headers.put(EventBusConstants.TRACE_ID, "my-own-trace");
        template.sendBodyAndHeaders("eventbus:fill", "{}", headers);
        // an envelope body: filled when it has none, kept when it has one
        headers.remove(EventBusConstants.TRACE_ID);
        Envelope bare = Envelope.builder().aggregateId("f-1").eventType("T").eventVersion(3).payload("{}").build();
        template.sendBodyAndHeaders("eventbus:fill", bare, headers);
        template.sendBodyAndHeaders("eventbus:fill", bare.toBuilder().eventVersion(4).traceId("set").build(), headers);
        // a batch: every item
        headers.put(EventBusConstants.EVENT_VERSION, 5L);
        template.sendBodyAndHeaders("eventbus:fill", List.of("{}", "{}"), headers);

        List<Delivery> records = readRaw("fill", "inspector", 6);
        EnvelopeCodec codec = new EnvelopeCodec();
        List<String> traceIds = records.stream().map(d -> codec.decode(d.value()).traceId()).toList();
        assertEquals(List.of(TRACE_ID, "my-own-trace", TRACE_ID, "set", TRACE_ID, TRACE_ID), traceIds);
    }

    @Test
    void theEndpointsHeaderFilterStrategyCanRefuseATraceHeader() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:filtered");
        mock.expectedMessageCount(1);
        Map<String, Object> headers = new HashMap<>(event("h-1", "T", 1));
        headers.put("traceparent", TRACEPARENT);
        headers.put("baggage", BAGGAGE);
        template.sendBodyAndHeaders("eventbus:filtered?headerFilterStrategy=#noTraceOut", "{}", headers);
        mock.assertIsSatisfied(10_000);
        Message m = mock.getReceivedExchanges().get(0).getMessage();
        assertNull(m.getHeader("traceparent")); // not sent
        assertNull(m.getHeader("baggage")); // sent, not let in
        // the trace id comes from a traceparent that is not sent: the filter decides about headers, not the envelope
        assertNull(m.getHeader(EventBusConstants.TRACE_ID));
    }

    private void publish(String topic, Map<String, String> headers) {
        String aggregateId = "f-" + headers.hashCode();
        byte[] value = new EnvelopeCodec().encode(Envelope.builder().aggregateId(aggregateId).eventType("T")
                .eventVersion(1).payload("{}").build());
        eventbus("eventbus:" + topic).transport().publisher()
                .publish(List.of(new OutboundRecord(topic, aggregateId, value, headers))).join();
    }

    /** The header is there under exactly this name (Camel's map would also find it under another letter case). */
    private static void assertExactlyNamed(Message m, String name, String value) {
        assertTrue(m.getHeaders().keySet().contains(name) && m.getHeaders().keySet().stream()
                .noneMatch(n -> n.equalsIgnoreCase(name) && !n.equals(name)), m.getHeaders().keySet().toString());
        assertEquals(value, m.getHeader(name));
    }
}
