package dev.eventbus.camel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.envelope.Rfc3339;
import dev.eventbus.camel.format.CloudEventsBinding;
import dev.eventbus.camel.format.EncodedEvent;
import dev.eventbus.camel.format.EventFormat;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.TraceHeaders;
import dev.eventbus.camel.transport.WireHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Maps between Camel messages and envelopes: builds (and encodes, which validates) the events of an outgoing
 * exchange, and fills an incoming exchange from a decoded envelope.
 */
final class ExchangeEnvelopes {

    private final ObjectMapper mapper;
    private final EventFormat format;
    private final String source;
    private final boolean withWireHeaders;

    /**
     * @param format          the wire format of published events
     * @param source          the CloudEvents source of published events, and of consumed envelope records
     * @param withWireHeaders whether published records carry the {@link WireHeaders}: the transport's
     *                        {@link dev.eventbus.camel.transport.TransportCapabilities#writesWireHeaders()}
     */
    ExchangeEnvelopes(ObjectMapper mapper, EventFormat format, String source, boolean withWireHeaders) {
        this.mapper = mapper;
        this.format = format;
        this.source = source;
        this.withWireHeaders = withWireHeaders;
    }

    /** The records to publish for one exchange and the ids of their events, in the same order. */
    record Outgoing(List<OutboundRecord> records, List<String> eventIds, boolean batch) {

        /** The value of {@link EventBusConstants#PUBLISHED_EVENT_ID}: the id, or the list of ids of a batch. */
        Object publishedEventId() {
            return batch ? eventIds : eventIds.get(0);
        }
    }

    /**
     * The records to publish for the exchange: one per event. A {@link Collection} body is a batch; every item is
     * validated before anything is returned. Every record carries the exchange's valid {@link TraceHeaders} (the
     * only Camel headers that leave, unless {@code headerFilter} refuses them), and an event without a trace id gets
     * the {@code traceparent}'s.
     *
     * @param  headerFilter             the endpoint's strategy, asked for each trace header (null: all pass)
     * @throws InvalidEnvelopeException for an invalid single event
     * @throws RejectedBatchException   naming every invalid item of a batch
     */
    Outgoing toRecords(Exchange exchange, String topic, HeaderFilterStrategy headerFilter) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        boolean replay = Boolean.TRUE.equals(message.getHeader(EventBusConstants.REPLAY, Boolean.class));
        Map<String, String> trace = ExchangeTraceHeaders.outbound(exchange, headerFilter);
        String traceId = TraceHeaders.traceId(trace.get(TraceHeaders.TRACEPARENT));
        if (!(body instanceof Collection<?> batch)) {
            Envelope envelope = ExchangeTraceHeaders.withTraceId(toEnvelope(body, message, 0, false), traceId);
            return new Outgoing(List.of(record(topic, envelope, replay, trace)), List.of(envelope.eventId()), false);
        }
        List<OutboundRecord> records = new ArrayList<>(batch.size());
        List<String> eventIds = new ArrayList<>(batch.size());
        SortedMap<Integer, RuntimeException> failures = new TreeMap<>();
        int index = 0;
        for (Object item : batch) {
            try {
                Envelope envelope = ExchangeTraceHeaders.withTraceId(toEnvelope(item, message, index, true), traceId);
                records.add(record(topic, envelope, replay, trace));
                eventIds.add(envelope.eventId());
            } catch (InvalidEnvelopeException | IllegalArgumentException e) {
                failures.put(index, e);
            }
            index++;
        }
        if (!failures.isEmpty()) {
            throw new RejectedBatchException(batch.size(), failures);
        }
        return new Outgoing(records, eventIds, true);
    }

    /**
     * The record of an event: the format's value and headers, the wire headers (brokers), the trace headers (every
     * transport and format), the replay mark.
     */
    private OutboundRecord record(String topic, Envelope envelope, boolean replay, Map<String, String> trace) {
        EncodedEvent encoded = format.encode(envelope, source);
        Map<String, String> headers = withWireHeaders ? wireHeaders(envelope) : Map.of();
        if (replay || !encoded.headers().isEmpty() || !trace.isEmpty()) {
            headers = new LinkedHashMap<>(headers);
            headers.putAll(trace);
            headers.putAll(encoded.headers());
            if (replay) {
                headers.put(WireHeaders.REPLAY, "true");
            }
        }
        return new OutboundRecord(topic, envelope.aggregateId(), encoded.value(), headers);
    }

    /** The {@link WireHeaders} of an envelope (encode validated it first). */
    static Map<String, String> wireHeaders(Envelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>(8);
        headers.put(WireHeaders.EVENT_ID, envelope.eventId());
        headers.put(WireHeaders.AGGREGATE_ID, envelope.aggregateId());
        headers.put(WireHeaders.EVENT_VERSION, Long.toString(envelope.eventVersion()));
        headers.put(WireHeaders.EVENT_TYPE, envelope.eventType());
        if (envelope.traceId() != null && !envelope.traceId().isEmpty()) {
            headers.put(WireHeaders.TRACE_ID, envelope.traceId());
        }
        if (envelope.correlationId() != null && !envelope.correlationId().isEmpty()) {
            headers.put(WireHeaders.CORRELATION_ID, envelope.correlationId());
        }
        if (envelope.tenantId() != 0) {
            headers.put(WireHeaders.TENANT_ID, Long.toString(envelope.tenantId()));
        }
        return headers;
    }

    /**
     * An envelope from a body and the message headers. In a batch the event id header is ignored (each item gets its
     * own id) and item {@code i} gets version {@code header + i}.
     */
    private Envelope toEnvelope(Object body, Message headers, int index, boolean inBatch) {
        if (body instanceof Envelope envelope) {
            return envelope;
        }
        Long version = header(headers, EventBusConstants.EVENT_VERSION, Long.class, "event_version", "an integer");
        Long tenant = header(headers, EventBusConstants.TENANT_ID, Long.class, "tenant_id", "an integer");
        return Envelope.builder()
                .eventId(inBatch ? null : headers.getHeader(EventBusConstants.EVENT_ID, String.class))
                .aggregateId(headers.getHeader(EventBusConstants.AGGREGATE_ID, String.class))
                .eventType(headers.getHeader(EventBusConstants.EVENT_TYPE, String.class))
                .eventVersion(version == null ? 0 : version + index)
                .timestamp(timestamp(headers.getHeader(EventBusConstants.TIMESTAMP)))
                .traceId(headers.getHeader(EventBusConstants.TRACE_ID, String.class))
                .correlationId(headers.getHeader(EventBusConstants.CORRELATION_ID, String.class))
                .tenantId(tenant == null ? 0 : tenant)
                .payload(payloadBytes(body, headers))
                .build();
    }

    private static <T> T header(Message message, String name, Class<T> type, String field, String what) {
        try {
            return message.getHeader(name, type);
        } catch (TypeConversionException e) {
            throw new InvalidEnvelopeException(field,
                    "must be " + what + " (header " + name + " could not be converted)", e);
        }
    }

    private static Instant timestamp(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        try {
            if (value instanceof CharSequence text) {
                return Rfc3339.parse(text);
            } else if (value instanceof Date date) {
                return date.toInstant();
            } else if (value instanceof Number millis) {
                return Instant.ofEpochMilli(millis.longValue());
            } else if (value instanceof TemporalAccessor temporal) {
                return Instant.from(temporal);
            }
        } catch (RuntimeException e) {
            throw new InvalidEnvelopeException("timestamp", "must be an RFC 3339 date-time", e);
        }
        throw new InvalidEnvelopeException("timestamp",
                "must be an Instant, an RFC 3339 String, a Date or epoch millis (was "
                        + value.getClass().getName() + ")");
    }

    private byte[] payloadBytes(Object body, Message message) {
        if (body == null) {
            return null;
        } else if (body instanceof byte[] bytes) {
            return bytes;
        } else if (body instanceof String json) {
            return json.getBytes(StandardCharsets.UTF_8);
        } else if (body instanceof InputStream) {
            return message.getExchange().getContext().getTypeConverter().convertTo(byte[].class, message.getExchange(),
                    body);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvelopeException("payload", "must be serializable to JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Gives {@code exchange} an {@link EventMessage} for a consumed event: the record headers that pass
     * {@code headerFilter} (except the {@link WireHeaders}, which repeat envelope fields, the CloudEvents headers of
     * either binding and the content type ({@link CloudEventsBinding#isCloudEventsHeader}: they describe the record, not
     * the body, and a later HTTP endpoint would forward them as a CloudEvent), and Camel-internal names in any letter
     * case, whatever the filter says), the valid {@link TraceHeaders} under their lowercase names whatever case the
     * record had ({@link ExchangeTraceHeaders#inbound}), the body per {@code deliver}, the envelope fields as headers,
     * and the event's CloudEvents attributes as camel-cloudevents' headers. The filter runs here; the message fills its
     * headers and the payload String when the route first reads them.
     *
     * @param ceSource the CloudEvents source the record carried, or null (an envelope record: the endpoint's source)
     */
    void populate(Exchange exchange, Envelope envelope, String ceSource, Delivery delivery, int deliveryCount,
            DeliverMode deliver, Class<?> payloadType, HeaderFilterStrategy headerFilter) throws java.io.IOException {
        RecordHeaders headers = new RecordHeaders(exchange, headerFilter);
        delivery.forEachHeader(headers, headers);
        Map<String, String> traceHeaders = ExchangeTraceHeaders.inbound(exchange, headers.trace.result(), envelope,
                headerFilter);
        boolean payloadBody = deliver != DeliverMode.envelope && payloadType == null;
        EventMessage message = new EventMessage(exchange, envelope, ceSource != null ? ceSource : source,
                delivery.topic(), delivery.partition(), delivery.offset(), deliveryCount,
                headers.passed, traceHeaders, payloadBody);
        if (deliver == DeliverMode.envelope) {
            message.setBody(envelope);
        } else if (payloadType != null) {
            message.setBody(mapper.readValue(envelope.payload(), payloadType));
        }
        exchange.setIn(message);
    }

    /**
     * One walk over a record's headers: the trace headers are collected, the others filtered (the wire and CloudEvents
     * headers repeat envelope fields, which become CamelEventBus* headers). One object per event for both callbacks.
     */
    private static final class RecordHeaders implements Predicate<String>, BiConsumer<String, String> {
        final TraceHeaders.Collector trace = new TraceHeaders.Collector();
        private final Exchange exchange;
        private final HeaderFilterStrategy filter;
        /** The record headers that passed, as name, value, name, value...; null while none did. */
        List<String> passed;

        RecordHeaders(Exchange exchange, HeaderFilterStrategy filter) {
            this.exchange = exchange;
            this.filter = filter;
        }

        /** The name {@link #test} saw last and whether it is a trace header: accept follows test for each header. */
        private String tested;
        private boolean testedTrace;

        @Override
        public boolean test(String name) {
            tested = name;
            testedTrace = TraceHeaders.isTraceHeader(name);
            return testedTrace || filter != null && !WireHeaders.isWireHeader(name)
                    && !CloudEventsBinding.isCloudEventsHeader(name)
                    && !EventBusHeaderFilterStrategy.isCamelInternal(name);
        }

        @Override
        public void accept(String name, String value) {
            if (name == tested ? testedTrace : TraceHeaders.isTraceHeader(name)) {
                trace.accept(name, value);
            } else if (!filter.applyFilterToExternalHeaders(name, value, exchange)) {
                if (passed == null) {
                    passed = new ArrayList<>(4);
                }
                passed.add(name);
                passed.add(value);
            }
        }
    }
}
