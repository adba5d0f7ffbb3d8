package dev.eventbus.camel.tracing;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;

/**
 * The span decorator of the {@code eventbus} scheme for Camel's telemetry (camel-telemetry, used by
 * camel-opentelemetry2), found by the {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}: only loaded when camel-telemetry is on the
 * classpath (an optional dependency), and never referenced by the rest of the component.
 * <p>
 * Tags the span with the destination (the topic), the event id ({@code messaging.message.id} and
 * {@value #EVENT_ID_TAG}), aggregate id, event type and version and, on the consumer, partition, offset and delivery
 * count, read from the {@code CamelEventBus*} headers. On the consumer the span's parent comes from the record's
 * {@code traceparent}, {@code tracestate} and {@code baggage}, which the consumer set as Camel headers
 * ({@link TraceContextExtractor}); on the producer the tracer injects them into the Camel headers, from where the
 * producer writes them to the record.
 * <p>
 * Called by the tracer on the thread that runs the exchange: the producer's caller, or a consumer's lane thread.
 */
public class EventBusSpanDecorator extends AbstractMessagingSpanDecorator {

    /** The event id (also {@code messaging.message.id}); on the producer the published one once acknowledged. */
    public static final String EVENT_ID_TAG = "eventbus.event.id";
    public static final String AGGREGATE_ID_TAG = "eventbus.aggregate.id";
    public static final String EVENT_TYPE_TAG = "eventbus.event.type";
    public static final String EVENT_VERSION_TAG = "eventbus.event.version";
    public static final String PARTITION_TAG = "eventbus.partition";
    public static final String OFFSET_TAG = "eventbus.offset";
    public static final String DELIVERY_COUNT_TAG = "eventbus.delivery.count";

    @Override
    public String getComponent() {
        return "eventbus";
    }

    @Override
    public String getComponentClassName() {
        return "dev.eventbus.camel.EventBusComponent";
    }

    @Override
    protected String getMessageId(Exchange exchange) {
        return exchange.getIn().getHeader(EventBusConstants.EVENT_ID, String.class);
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        Message in = exchange.getIn();
        tag(span, EVENT_ID_TAG, in, EventBusConstants.EVENT_ID);
        tag(span, AGGREGATE_ID_TAG, in, EventBusConstants.AGGREGATE_ID);
        tag(span, EVENT_TYPE_TAG, in, EventBusConstants.EVENT_TYPE);
        tag(span, EVENT_VERSION_TAG, in, EventBusConstants.EVENT_VERSION);
        tag(span, PARTITION_TAG, in, EventBusConstants.PARTITION);
        tag(span, OFFSET_TAG, in, EventBusConstants.OFFSET);
        tag(span, DELIVERY_COUNT_TAG, in, EventBusConstants.DELIVERY_COUNT);
    }

    /** On the producer: the id of the event the transport acknowledged, when the exchange carried a single one. */
    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        Object published = exchange.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID);
        if (published instanceof String id && exchange.getIn().getHeader(EventBusConstants.EVENT_ID) == null) {
            span.setTag(EVENT_ID_TAG, id);
        }
    }

    /** Only the three W3C headers, which the consumer validated: no other header can pose as a trace context. */
    @Override
    public SpanContextPropagationExtractor getExtractor(Exchange exchange) {
        return new TraceContextExtractor(exchange.getIn());
    }

    private static void tag(Span span, String tag, Message in, String header) {
        Object value = in.getHeader(header);
        if (value != null) {
            span.setTag(tag, value.toString());
        }
    }
}
