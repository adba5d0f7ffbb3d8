package dev.eventbus.camel.consumer;

import java.util.Objects;

/**
 * What the consumer pipeline is given by the Camel consumer: it needs nothing else from it.
 *
 * @param exchanges   the route and its exchanges
 * @param redelivery  when a failed event is given to the route again
 * @param deadLetters where events that cannot be processed go
 * @param counters    what the pipeline counts (read by users through {@code ConsumerStats})
 * @param timer       what the pipeline times (meters), {@link EventTimer#NONE} when nothing is measured
 */
public record PipelineContext(EventExchanges exchanges, RedeliveryPolicy redelivery, DeadLetterPublisher deadLetters,
        Counters counters, EventTimer timer) {

    /** A pipeline that times nothing. */
    public PipelineContext(EventExchanges exchanges, RedeliveryPolicy redelivery, DeadLetterPublisher deadLetters,
            Counters counters) {
        this(exchanges, redelivery, deadLetters, counters, EventTimer.NONE);
    }

    public PipelineContext {
        Objects.requireNonNull(exchanges, "exchanges");
        Objects.requireNonNull(redelivery, "redelivery");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(timer, "timer");
    }
}
