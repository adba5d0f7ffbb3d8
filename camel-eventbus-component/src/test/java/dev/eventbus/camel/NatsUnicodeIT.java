package dev.eventbus.camel;

import java.net.URLDecoder;
import java.util.HashMap;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every valid envelope publishes on NATS, although NATS header values allow printable ASCII only: an event type in
 * Chinese, ids with newlines, tabs and emoji travel; the consumed fields are exactly the envelope's, and the header
 * copies on the wire are percent-encoded.
 */
class NatsUnicodeIT extends NatsTestSupport {

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

    private Map<String, Object> unicodeEvent(String eventId, long version) {
        Map<String, Object> headers = new HashMap<>(event("order-1", TYPE, version));
        headers.put(EventBusConstants.EVENT_ID, eventId);
        headers.put(EventBusConstants.TRACE_ID, TRACE_ID);
        headers.put(EventBusConstants.CORRELATION_ID, CORRELATION_ID);
        return headers;
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
