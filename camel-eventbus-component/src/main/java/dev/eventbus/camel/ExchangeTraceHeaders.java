package dev.eventbus.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.TraceHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The W3C trace context ({@link TraceHeaders}) between Camel messages and records: the only Camel headers a
 * published record carries, and the only foreign headers besides the filtered ones that a consumed record gives the
 * exchange. Called by {@link ExchangeEnvelopes} on the producer's caller thread and on the consumer's lane threads.
 */
final class ExchangeTraceHeaders {

    private ExchangeTraceHeaders() {
    }

    /**
     * The exchange's valid trace headers that {@code headerFilter} lets out ({@code applyFilterToCamelHeaders}; null:
     * all), by lowercase name. Camel's header map ignores case, so {@code TraceParent} is found as {@code traceparent}.
     */
    static Map<String, String> outbound(Exchange exchange, HeaderFilterStrategy headerFilter) {
        Message message = exchange.getMessage();
        Map<String, String> trace = TraceHeaders.from(name -> message.getHeader(name, String.class));
        if (headerFilter != null && !trace.isEmpty()) {
            trace.entrySet().removeIf(e -> headerFilter.applyFilterToCamelHeaders(e.getKey(), e.getValue(), exchange));
        }
        return trace;
    }

    /**
     * The envelope with the trace id of {@code traceId} (the traceparent's, or null) when it has none of its own: a
     * set trace id is never replaced.
     */
    static Envelope withTraceId(Envelope envelope, String traceId) {
        if (traceId == null || envelope.traceId() != null && !envelope.traceId().isEmpty()) {
            return envelope;
        }
        return envelope.toBuilder().traceId(traceId).build();
    }

    /**
     * The record's valid trace headers ({@code recordTrace}, from a {@link TraceHeaders.Collector}) that the exchange
     * gets, under their lowercase names: those {@code headerFilter} does not refuse ({@code applyFilterToExternalHeaders};
     * null: none refused). A record without a valid {@code traceparent} header whose event's trace id is a W3C
     * traceparent (a CloudEvent's Distributed Tracing extension becomes the trace id, also in structured mode) gives
     * that one.
     */
    static Map<String, String> inbound(Exchange exchange, Map<String, String> recordTrace, Envelope envelope,
            HeaderFilterStrategy headerFilter) {
        Map<String, String> trace = recordTrace;
        if (!trace.containsKey(TraceHeaders.TRACEPARENT) && TraceHeaders.traceId(envelope.traceId()) != null) {
            trace = new LinkedHashMap<>(trace);
            trace.put(TraceHeaders.TRACEPARENT, envelope.traceId());
        }
        if (headerFilter == null || trace.isEmpty()) {
            return trace;
        }
        Map<String, String> passed = new LinkedHashMap<>(trace);
        passed.entrySet().removeIf(e -> headerFilter.applyFilterToExternalHeaders(e.getKey(), e.getValue(), exchange));
        return passed;
    }
}
