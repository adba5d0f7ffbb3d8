package dev.eventbus.camel.consumer;

import dev.eventbus.camel.envelope.Envelope;

/**
 * Told how long the pipeline took per event, for meters: how long each route run took and when an event completed.
 * Called on the lane thread that ran the event, so an implementation must be cheap and must never block. {@link #NONE}
 * (no meters) is the default: the pipeline then does not read the clock for it.
 */
public interface EventTimer {

    /** Measures nothing. */
    EventTimer NONE = new EventTimer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void routeRan(long nanos) {
        }

        @Override
        public void completed(Envelope envelope) {
        }
    };

    /** Whether the pipeline should measure at all; false for {@link #NONE}. */
    boolean enabled();

    /** One run of the route for one event took {@code nanos} (successful or not). */
    void routeRan(long nanos);

    /**
     * The event is done: processed, skipped as a duplicate or stale, or dead-lettered, and about to be completed on
     * the transport. The envelope's timestamp tells the event's age.
     */
    void completed(Envelope envelope);
}
