package dev.eventbus.camel.test.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.eventbus.camel.transport.WireHeaders;

/**
 * A record read back from a dead-letter topic: the original bytes unchanged and the headers, among them the
 * {@code X-DLQ-*} ones ({@link WireHeaders#DLQ_REASON} and the others). On NATS, {@code X-DLQ-Reason} is already
 * percent-decoded here.
 *
 * @param topic   the dead-letter topic (Kafka) or subject (NATS)
 * @param key     the record key (Kafka), or null
 * @param value   the original bytes (empty for a dead-lettered tombstone)
 * @param headers header name to (last) value
 */
public record DeadLetter(String topic, String key, byte[] value, Map<String, String> headers) {

    /** The value as UTF-8 text. */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** {@code X-DLQ-Reason}: why the event was dead-lettered. */
    public String reason() {
        return headers.get(WireHeaders.DLQ_REASON);
    }

    /** {@code X-DLQ-Original-Topic}. */
    public String originalTopic() {
        return headers.get(WireHeaders.DLQ_ORIGINAL_TOPIC);
    }

    /** {@code X-DLQ-Delivery-Count} as a number, or -1 when absent. */
    public int deliveryCount() {
        String count = headers.get(WireHeaders.DLQ_DELIVERY_COUNT);
        return count == null ? -1 : Integer.parseInt(count.trim());
    }

    /** {@code X-DLQ-Exception-Class}, or null when the reason was no exception. */
    public String exceptionClass() {
        return headers.get(WireHeaders.DLQ_EXCEPTION_CLASS);
    }
}
