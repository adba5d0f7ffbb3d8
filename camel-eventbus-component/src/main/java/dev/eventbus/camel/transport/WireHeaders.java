package dev.eventbus.camel.transport;

import java.util.Set;

/**
 * Broker record headers that carry the envelope's identifying fields next to the value, for consumers (such as the Go
 * services) that route or filter without parsing the JSON. Set by the producer on Kafka records and NATS messages;
 * part of the wire format.
 */
public final class WireHeaders {

    /** The envelope's event_id. */
    public static final String EVENT_ID = "X-Event-ID";
    /** The envelope's aggregate_id. */
    public static final String AGGREGATE_ID = "X-Aggregate-ID";
    /** The envelope's event_version, in decimal. */
    public static final String EVENT_VERSION = "X-Event-Version";
    /** The envelope's event_type. */
    public static final String EVENT_TYPE = "X-Event-Type";
    /** The envelope's trace_id, when set. */
    public static final String TRACE_ID = "X-Trace-ID";
    /** The envelope's correlation_id, when set. */
    public static final String CORRELATION_ID = "X-Correlation-ID";
    /** The envelope's tenant_id in decimal, when not 0. */
    public static final String TENANT_ID = "X-Tenant-ID";

    /**
     * {@code true} on an event published again on purpose (a dead letter replayed): consumers process it even when its
     * version is not above the aggregate's last processed one. Not an envelope field; set by this component only.
     */
    public static final String REPLAY = "X-EventBus-Replay";

    /** Prefix of the headers of a dead-letter record (their meaning: the component's DeadLetterHeaders). */
    public static final String DLQ_PREFIX = "X-DLQ-";
    public static final String DLQ_REASON = DLQ_PREFIX + "Reason";
    public static final String DLQ_ORIGINAL_TOPIC = DLQ_PREFIX + "Original-Topic";
    public static final String DLQ_ORIGINAL_PARTITION = DLQ_PREFIX + "Original-Partition";
    public static final String DLQ_ORIGINAL_OFFSET = DLQ_PREFIX + "Original-Offset";
    public static final String DLQ_DELIVERY_COUNT = DLQ_PREFIX + "Delivery-Count";
    public static final String DLQ_GROUP_ID = DLQ_PREFIX + "Group-Id";
    public static final String DLQ_EXCEPTION_CLASS = DLQ_PREFIX + "Exception-Class";
    public static final String DLQ_ORIGINAL_TIMESTAMP = DLQ_PREFIX + "Original-Timestamp";

    private static final Set<String> ALL = Set.of(EVENT_ID, AGGREGATE_ID, EVENT_VERSION, EVENT_TYPE, TRACE_ID,
            CORRELATION_ID, TENANT_ID, REPLAY);

    private WireHeaders() {
    }

    /** Whether {@code name} is one of these headers (they repeat envelope fields). */
    public static boolean isWireHeader(String name) {
        return ALL.contains(name);
    }
}
