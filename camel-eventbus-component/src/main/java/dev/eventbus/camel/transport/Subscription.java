package dev.eventbus.camel.transport;

/**
 * A consumer's membership in a subscription group of a topic. Records arrive at the {@link DeliveryHandler}; the
 * subscription stops taking new records while the {@link InFlightLimit} is exhausted.
 */
public interface Subscription extends AutoCloseable {

    /** Starts fetching records. */
    void start();

    /** Stops taking new records; records already delivered are still acked normally. */
    void stopIntake();

    /** Takes new records again after {@link #stopIntake()}. */
    void resumeIntake();

    /**
     * Leaves the group. Records delivered but not acked are given to the next owner (at-least-once). Call after the
     * in-flight records finished for a graceful stop.
     */
    @Override
    void close();

    /** The subscription's state, connection, assignment and per-partition offsets and lag, without a broker call. */
    default SubscriptionStatus status() {
        // each transport reports its own (issue 10 part 3 lands them); until then: nothing known
        throw new UnsupportedOperationException("status() of " + getClass().getSimpleName());
    }

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

    /** Acknowledgements the broker could not be told (the record is then delivered again). */
    default long ackFailures() {
        return 0;
    }

}
