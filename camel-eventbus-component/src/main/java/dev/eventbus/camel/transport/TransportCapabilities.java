package dev.eventbus.camel.transport;

/**
 * What the rest of the component needs to know about a transport, declared by its {@link TransportFactory} instead of
 * being checked by transport name.
 *
 * @param groupIdRequired        whether a consumer must name its subscription group (brokers keep the group's offsets;
 *                               the memory transport does not and uses the group {@code default})
 * @param writesWireHeaders      whether published records carry the {@link WireHeaders} for consumers that read them
 *                               (brokers: yes; the memory transport: no, its only consumers are this component)
 * @param defaultPartitions      partitions of the topics the transport creates when the endpoint sets none; 0 when the
 *                               topic is not partitioned unless asked to be
 * @param redeliveriesCanReorder whether a record can be delivered again after later records of its key (a broker-side
 *                               redelivery overtaking them); the consumer then holds later versions of an aggregate back
 *                               until the earlier one arrived
 * @param cloudEventsBinding     the CloudEvents protocol binding its record headers follow
 */
public record TransportCapabilities(boolean groupIdRequired, boolean writesWireHeaders, int defaultPartitions,
        boolean redeliveriesCanReorder, CloudEventsHeaders cloudEventsBinding) {

    /** The CloudEvents protocol bindings a transport's record headers can follow. */
    public enum CloudEventsHeaders {
        /** The Kafka binding: {@code ce_} headers, UTF-8 values (the memory transport too). */
        KAFKA,
        /** The NATS binding: {@code ce-} headers, percent-encoded values. */
        NATS
    }
}
