package dev.eventbus.camel.transport;

/**
 * The endpoint options every transport reads. Each transport extends this view with its own options (in its package);
 * the endpoint's configuration implements them all.
 */
public interface TransportOptions {

    /** The endpoint's topic. */
    String getTopic();

    /** Partitions of the topic; null when the endpoint sets none. */
    Integer getPartitions();

    /** How long a publish may wait for the transport, in milliseconds. */
    long getPublishTimeout();

    /** Bound on the broker calls an endpoint makes when it starts, in milliseconds. */
    long getStartTimeout();
}
