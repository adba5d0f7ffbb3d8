package dev.eventbus.camel.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes records. Records of one key published by one thread keep their order. When the transport is full the
 * call waits (backpressure) instead of dropping anything.
 */
public interface Publisher {

    /**
     * Publishes the records as one batch, waiting at most the transport's publish timeout in all.
     *
     * @return a future that completes when the transport accepted (for brokers: acknowledged) every record, or fails
     *         with a {@link PublishException} that names the records that were not accepted
     */
    CompletableFuture<Void> publish(List<OutboundRecord> records);

    /**
     * Publishes the records as one batch; neither the call (waiting for room) nor the acknowledgements wait past
     * {@code deadlineNanos} ({@link System#nanoTime()} based) by more than the transport's polling granularity.
     *
     * @return as {@link #publish(List)}
     */
    CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos);

    /**
     * Whether a failed record never leaves a later record of its key in the same call acknowledged, because records are
     * stored one after the other and the first failure stops the call (the memory transport). Broker publishers
     * pipeline a call's records, so a later record can be acknowledged after an earlier one failed: wrap them in a
     * {@link WavePublisher}.
     */
    default boolean stopsAtFirstFailure() {
        return false;
    }

    /**
     * The broker client this publisher sends with, so that its own metrics can be bound (Kafka: the shared
     * {@code KafkaProducer}); null for transports that offer none. Never send or close through it.
     */
    default Object client() {
        return null;
    }

    /**
     * The broker client's connection, without a broker call; any thread. Null when the publisher has no broker client
     * to check (the memory transport).
     */
    default PublisherStatus status() {
        return null;
    }
}
