package dev.eventbus.camel.consumer;

import dev.eventbus.camel.ordering.Outcome;

/**
 * Where an event that cannot be processed goes (undecodable, not an event, failed its deliveries): the pipeline asks
 * it to publish the event and acks the original only once the outcome is {@link Outcome.Done}. The default is
 * {@link DeadLetters} (the dead-letter topic, with the {@link DeadLetterHeaders}).
 */
public interface DeadLetterPublisher {

    /**
     * Publishes the event with its dead-letter reason.
     *
     * @return {@link Outcome.Done} when it landed, else an {@link Outcome.Retry} after which the lane tries again (the
     *         event is kept, its aggregate waits)
     */
    Outcome send(InboundEvent event) throws InterruptedException;

    /** The event leaves the consumer without being dead-lettered (released on revoke): forget its failed attempts. */
    void unstuck(InboundEvent event);
}
