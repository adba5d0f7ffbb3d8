package dev.eventbus.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import io.nats.client.impl.Headers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C trace context on a real nats-server: {@code traceparent}, {@code tracestate} and {@code baggage} are stored as
 * NATS headers under their lowercase names in every wire format, whatever the Camel header's letter case, and come
 * back as those Camel headers; a plain jnats publisher's headers in any letter case too, a malformed traceparent (and
 * its tracestate) dropped.
 */
class NatsTraceHeadersIT extends NatsTestSupport {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    static final String BAGGAGE = "userId=alice,serverNode=DF%2028,isProduction=false";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=traced")).routeId("traced").to("mock:traced");
            }
        };
    }

    @Test
    void theThreeHeadersRoundTripInEveryFormat() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(3);
        List<String> formats = List.of("envelope", "cloudevents-binary", "cloudevents-structured");
        for (int i = 0; i < formats.size(); i++) {
            Map<String, Object> headers = new HashMap<>(event("order-1", "OrderPlaced", i + 1));
            headers.put("TraceParent", TRACEPARENT);
            headers.put("TRACESTATE", TRACESTATE);
            headers.put("Baggage", BAGGAGE);
            headers.put("X-Not-Propagated", "no");
            template.sendBodyAndHeaders(nats("format=" + formats.get(i)), "{}", headers);
        }
        mock.assertIsSatisfied(10_000);
        for (Exchange exchange : mock.getReceivedExchanges()) {
            Message m = exchange.getMessage();
            assertEquals(TRACEPARENT, m.getHeader("traceparent"));
            assertEquals(TRACESTATE, m.getHeader("tracestate"));
            assertEquals(BAGGAGE, m.getHeader("baggage"));
            assertTrue(m.getHeaders().keySet().containsAll(List.of("traceparent", "tracestate", "baggage")),
                    m.getHeaders().keySet().toString());
            assertEquals(TRACE_ID, m.getHeader(EventBusConstants.TRACE_ID));
        }
        for (int seq = 1; seq <= 3; seq++) {
            Headers stored = stored(topic.toUpperCase(), seq).getHeaders();
            assertEquals(TRACEPARENT, stored.getFirst("traceparent"), stored.keySet().toString());
            assertEquals(TRACESTATE, stored.getFirst("tracestate"));
            assertEquals(BAGGAGE, stored.getFirst("baggage"));
            assertTrue(stored.keySet().stream().noneMatch(n -> n.equals("TraceParent") || n.equals("TRACESTATE")
                    || n.equals("Baggage") || n.equalsIgnoreCase("X-Not-Propagated")), stored.keySet().toString());
        }
    }

    @Test
    void aPlainPublishersHeadersInAnyLetterCaseComeInAndAMalformedTraceparentIsDropped() throws Exception {
        context.getRouteController().startRoute("traced"); // creates the stream
        MockEndpoint mock = getMockEndpoint("mock:traced");
        mock.expectedMessageCount(2);
        publishPlain(1, new Headers().put("TraceParent", TRACEPARENT).put("TRACESTATE", TRACESTATE)
                .put("BAGGAGE", BAGGAGE));
        publishPlain(2, new Headers().put("traceparent", TRACEPARENT.toUpperCase()).put("tracestate", TRACESTATE)
                .put("baggage", BAGGAGE));
        mock.assertIsSatisfied(10_000);

        Message first = mock.getReceivedExchanges().get(0).getMessage();
        assertEquals(TRACEPARENT, first.getHeader("traceparent"));
        assertEquals(TRACESTATE, first.getHeader("tracestate"));
        assertEquals(BAGGAGE, first.getHeader("baggage"));
        assertTrue(first.getHeaders().keySet().containsAll(List.of("traceparent", "tracestate", "baggage")),
                first.getHeaders().keySet().toString());
        Message second = mock.getReceivedExchanges().get(1).getMessage();
        assertNull(second.getHeader("traceparent"));
        assertNull(second.getHeader("tracestate"));
        assertEquals(BAGGAGE, second.getHeader("baggage"));
    }

    private void publishPlain(long version, Headers headers) throws Exception {
        Envelope envelope = Envelope.builder().eventId("go-" + version).aggregateId("order-9").eventType("T")
                .eventVersion(version).payload("{}").build();
        headers.put("X-Aggregate-ID", "order-9");
        plain().jetStream().publish(topic, headers, new EnvelopeCodec().encode(envelope));
    }
}
