package dev.eventbus.camel.consumer;

import dev.eventbus.camel.transport.WireHeaders;

/**
 * Transport headers of a record on a dead-letter topic. The record's value is the original bytes, unchanged; these
 * headers say why it is there and where it came from.
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered (decode error, or the route's last exception). */
    public static final String REASON = WireHeaders.DLQ_REASON;
    /** The topic the record was consumed from. */
    public static final String ORIGINAL_TOPIC = WireHeaders.DLQ_ORIGINAL_TOPIC;
    /** The partition the record was consumed from. */
    public static final String ORIGINAL_PARTITION = WireHeaders.DLQ_ORIGINAL_PARTITION;
    /** The record's offset (Kafka offset, NATS stream sequence) in its original partition. */
    public static final String ORIGINAL_OFFSET = WireHeaders.DLQ_ORIGINAL_OFFSET;
    /** How many times the route was given the event before it was dead-lettered (0 when it could not be decoded). */
    public static final String DELIVERY_COUNT = WireHeaders.DLQ_DELIVERY_COUNT;
    /** The consumer group that dead-lettered the record. */
    public static final String GROUP_ID = WireHeaders.DLQ_GROUP_ID;
    /** The class of the exception that made the event fail (absent for records that are not events by their shape). */
    public static final String EXCEPTION_CLASS = WireHeaders.DLQ_EXCEPTION_CLASS;
    /** The original record's timestamp in epoch milliseconds (Kafka record time, NATS stream time; absent on memory). */
    public static final String ORIGINAL_TIMESTAMP = WireHeaders.DLQ_ORIGINAL_TIMESTAMP;

    private DeadLetterHeaders() {
    }
}
