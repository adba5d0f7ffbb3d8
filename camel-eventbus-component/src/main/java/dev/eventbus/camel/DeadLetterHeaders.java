package dev.eventbus.camel;

/**
 * Transport headers of a record on a dead-letter topic. The record's value is the original bytes, unchanged; these
 * headers say why it is there and where it came from.
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered (decode error, or the route's last exception). */
    public static final String REASON = "X-DLQ-Reason";
    /** The topic the record was consumed from. */
    public static final String ORIGINAL_TOPIC = "X-DLQ-Original-Topic";
    /** The partition the record was consumed from. */
    public static final String ORIGINAL_PARTITION = "X-DLQ-Original-Partition";
    /** The record's position (offset, sequence) in its original partition. */
    public static final String ORIGINAL_OFFSET = "X-DLQ-Original-Offset";
    /** How many times the route was given the event before it was dead-lettered (0 when it could not be decoded). */
    public static final String DELIVERY_COUNT = "X-DLQ-Delivery-Count";
    /** The consumer group that dead-lettered the record. */
    public static final String GROUP_ID = "X-DLQ-Group-Id";
    /** The class of the exception that made the event fail (absent for records that are not events by their shape). */
    public static final String EXCEPTION_CLASS = "X-DLQ-Exception-Class";
    /** The original record's timestamp in epoch milliseconds (Kafka record time, NATS stream time; absent on memory). */
    public static final String ORIGINAL_TIMESTAMP = "X-DLQ-Original-Timestamp";

    private DeadLetterHeaders() {
    }
}
