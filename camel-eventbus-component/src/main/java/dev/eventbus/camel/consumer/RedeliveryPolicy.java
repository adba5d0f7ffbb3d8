package dev.eventbus.camel.consumer;

/**
 * When an event whose route failed is given to the route again, and when it goes to the dead-letter topic instead. The
 * default is {@link BackoffRedeliveryPolicy}, built from the endpoint options {@code maxDeliveries},
 * {@code redeliveryDelay}, {@code redeliveryBackoffMultiplier} and {@code maxRedeliveryDelay}; a user supplies another
 * with the endpoint option {@code redeliveryPolicy} (a bean reference), which then replaces those four options.
 * <p>
 * Called on the lane thread of the event, one call at a time per lane: an implementation shared by lanes must be
 * thread-safe (a stateless one is).
 */
public interface RedeliveryPolicy {

    /**
     * How many times an event is given to the route at most; after the last failure it is dead-lettered.
     */
    int maxDeliveries();

    /**
     * The delay before the next delivery of an event whose route failed. Other aggregates keep flowing meanwhile; the
     * event's own aggregate waits behind it.
     *
     * @param deliveryCount how many times the route was given the event so far (1 after the first failure)
     * @param cause         the route's failure
     * @return the delay in milliseconds (a negative one counts as 0)
     */
    long delayMillis(int deliveryCount, Throwable cause);

    /**
     * Whether retrying can help. A failure that is not retryable sends the event to the dead-letter topic at once,
     * whatever {@link #maxDeliveries()} says. All failures are retryable by default.
     */
    default boolean retryable(Throwable cause) {
        return true;
    }
}
