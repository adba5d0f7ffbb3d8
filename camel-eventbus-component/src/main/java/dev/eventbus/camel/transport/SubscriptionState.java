package dev.eventbus.camel.transport;

/**
 * The lifecycle of a {@link Subscription}. It moves forward only, except between {@link #RUNNING} and
 * {@link #PAUSED}:
 *
 * <pre>
 * CREATED → RUNNING ⇄ PAUSED → CLOSING → CLOSED
 * </pre>
 */
public enum SubscriptionState {
    /** Built, not started: no broker call was made yet. */
    CREATED,
    /** Fetching records. */
    RUNNING,
    /** Started, but taking no new records (intake stopped); delivered records still complete. */
    PAUSED,
    /** {@link Subscription#close()} was called: leaving the group, threads ending. */
    CLOSING,
    /** Left the group; every thread of the subscription has ended. */
    CLOSED;

    /** Whether the subscription was started and not yet closed. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }
}
