package dev.eventbus.camel.transport;

/**
 * A consumer's membership in a subscription group of a topic. Records arrive at the {@link DeliveryHandler}; the
 * subscription stops taking new records while the {@link InFlightLimit} is exhausted.
 */
public interface Subscription extends AutoCloseable {

    /** Starts fetching records. */
    void start();

    /** Stops taking new records ({@link SubscriptionState#PAUSED}); records already delivered still complete. */
    void pause();

    /** Takes new records again after {@link #pause()}. */
    void resume();

    /**
     * Leaves the group. Records delivered but not completed are given to the next owner (at-least-once). Call after
     * the in-flight records completed for a graceful stop.
     */
    @Override
    void close();

    /** The subscription's state, connection, assignment and per-partition offsets and lag, without a broker call. */
    SubscriptionStatus status();

    /**
     * The broker client this subscription reads with, so that its own metrics can be bound (Kafka: the
     * {@code KafkaConsumer}, whose {@code metrics()} may be called from any thread); null before {@link #start()} and
     * for transports that offer none. Never read, commit or close through it.
     */
    default Object client() {
        return null;
    }

    /** Failures of the poll loop so far (each was logged, rate-limited, and retried with backoff). */
    default long pollFailures() {
        return 0;
    }

    /** Completions the broker could not be told (a failed commit or ack; the record is then delivered again). */
    default long completionFailures() {
        return 0;
    }

}
