package dev.eventbus.camel.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;
import org.apache.camel.telemetry.SpanDecorator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The eventbus span decorator without a tracer: its registration, tags and trace context extractor. */
class EventBusSpanDecoratorTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theServiceLoaderFindsItForTheEventbusScheme() {
        assertTrue(ServiceLoader.load(SpanDecorator.class).stream()
                .anyMatch(p -> p.type() == EventBusSpanDecorator.class && "eventbus".equals(p.get().getComponent())));
        assertEquals("dev.eventbus.camel.EventBusComponent", new EventBusSpanDecorator().getComponentClassName());
    }

    @Test
    void aConsumedEventIsTaggedFromItsHeaders() {
        Endpoint endpoint = camel.getEndpoint("eventbus:orders?groupId=billing");
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(EventBusConstants.EVENT_ID, "evt-1");
        exchange.getIn().setHeader(EventBusConstants.AGGREGATE_ID, "order-1");
        exchange.getIn().setHeader(EventBusConstants.EVENT_TYPE, "OrderPlaced");
        exchange.getIn().setHeader(EventBusConstants.EVENT_VERSION, 3L);
        exchange.getIn().setHeader(EventBusConstants.PARTITION, 2);
        exchange.getIn().setHeader(EventBusConstants.OFFSET, 41L);
        exchange.getIn().setHeader(EventBusConstants.DELIVERY_COUNT, 1);
        RecordingSpan span = new RecordingSpan();
        EventBusSpanDecorator decorator = new EventBusSpanDecorator();

        decorator.beforeTracingEvent(span, exchange, endpoint);

        assertEquals("orders", decorator.getOperationName(exchange, endpoint));
        assertEquals("orders", span.tags.get("messaging.destination.name"));
        assertEquals("evt-1", span.tags.get("messaging.message.id"));
        assertEquals("evt-1", span.tags.get(EventBusSpanDecorator.EVENT_ID_TAG));
        assertEquals("order-1", span.tags.get(EventBusSpanDecorator.AGGREGATE_ID_TAG));
        assertEquals("OrderPlaced", span.tags.get(EventBusSpanDecorator.EVENT_TYPE_TAG));
        assertEquals("3", span.tags.get(EventBusSpanDecorator.EVENT_VERSION_TAG));
        assertEquals("2", span.tags.get(EventBusSpanDecorator.PARTITION_TAG));
        assertEquals("41", span.tags.get(EventBusSpanDecorator.OFFSET_TAG));
        assertEquals("1", span.tags.get(EventBusSpanDecorator.DELIVERY_COUNT_TAG));
        assertEquals("camel-eventbus", span.tags.get("component"));
    }

    @Test
    void aPublishedEventGetsTheAcknowledgedIdAfterwards() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(EventBusConstants.PUBLISHED_EVENT_ID, "evt-9");
        RecordingSpan span = new RecordingSpan();
        new EventBusSpanDecorator().afterTracingEvent(span, exchange);
        assertEquals("evt-9", span.tags.get(EventBusSpanDecorator.EVENT_ID_TAG));
    }

    @Test
    void theExtractorSeesOnlyTheThreeTraceHeadersInAnyLetterCase() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        exchange.getIn().setHeader("baggage", "k=v");
        exchange.getIn().setHeader("uber-trace-id", "spoofed");
        exchange.getIn().setHeader("b3", "spoofed");
        SpanContextPropagationExtractor extractor = new EventBusSpanDecorator().getExtractor(exchange);
        assertEquals(Set.of("traceparent", "baggage"), extractor.keys());
        assertEquals("k=v", extractor.get("Baggage"));
        assertNull(extractor.get("b3"));
    }

    private static final class RecordingSpan implements Span {
        final Map<String, String> tags = new HashMap<>();

        @Override
        public void log(Map<String, String> fields) {
        }

        @Override
        public void setTag(String key, String value) {
            tags.put(key, value);
        }

        @Override
        public void setComponent(String component) {
            tags.put("component", component);
        }

        @Override
        public void setError(boolean isError) {
        }
    }
}
