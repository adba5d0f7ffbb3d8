package dev.eventbus.camel.tracing;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.eventbus.camel.transport.TraceHeaders;
import org.apache.camel.Message;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;

/**
 * The trace context of a message for the tracer's propagator: the {@code traceparent}, {@code tracestate} and
 * {@code baggage} Camel headers (lowercase names; the consumer set them from the record after validating them), and
 * nothing else. Built and read on the thread that starts the span.
 */
final class TraceContextExtractor implements SpanContextPropagationExtractor {

    private final Map<String, Object> headers = new LinkedHashMap<>(4);

    TraceContextExtractor(Message message) {
        for (String name : TraceHeaders.NAMES) {
            Object value = message.getHeader(name);
            if (value instanceof String text) {
                headers.put(name, text);
            }
        }
    }

    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
        return headers.entrySet().iterator();
    }

    @Override
    public Object get(String key) {
        return key == null ? null : headers.get(TraceHeaders.wireName(key));
    }

    @Override
    public Set<String> keys() {
        return headers.keySet();
    }
}
