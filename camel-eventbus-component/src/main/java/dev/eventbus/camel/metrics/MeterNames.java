package dev.eventbus.camel.metrics;

/**
 * The names of the component's meters (Micrometer conventions: lower case, dot separated, base units; a registry maps
 * them to its own style, e.g. Prometheus {@code eventbus_consumer_events_total}). The user guide's "Metrics" table lists
 * them with their tags.
 */
public final class MeterNames {

    /** Counter of consumed events, tag {@code outcome}. */
    public static final String CONSUMER_EVENTS = "eventbus.consumer.events";
    /** Gauge of the events buffered or in process. */
    public static final String CONSUMER_IN_FLIGHT = "eventbus.consumer.in.flight";
    /** Gauge of the records on the broker after the last one fetched, summed over the partitions this member holds. */
    public static final String CONSUMER_LAG = "eventbus.consumer.lag";
    /** Gauge of the lag of one partition, tag {@code partition}. */
    public static final String CONSUMER_PARTITION_LAG = "eventbus.consumer.partition.lag";
    /** Timer of one route run for one event. */
    public static final String CONSUMER_PROCESSING = "eventbus.consumer.processing";
    /** Timer of an event's age when it completed (envelope timestamp until done). */
    public static final String CONSUMER_EVENT_AGE = "eventbus.consumer.event.age";
    /** Timer of one publish (one exchange's events) until the broker acknowledged it, tag {@code outcome}. */
    public static final String PRODUCER_PUBLISH = "eventbus.producer.publish";

    private MeterNames() {
    }
}
