package dev.eventbus.camel.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes records. Records of one key published by one thread keep their order. When the transport is full the
 * call waits (backpressure) instead of dropping anything.
 */
public interface Publisher {

    /**
     * Publishes the records as one batch.
     *
     * @return a future that completes when the transport accepted (for brokers: acknowledged) every record, or fails
     *         with a {@link PublishException} that names the records that were not accepted
     */
    CompletableFuture<Void> publish(List<OutboundRecord> records);
}
