package dev.eventbus.camel.health;

import dev.eventbus.camel.consumer.InProcessEvents;
import dev.eventbus.camel.transport.SubscriptionStatus;

/**
 * What the consumer health checks read from one consumer. Every method is called on the thread of a health check
 * call (an HTTP thread of actuator or camel-main, a probe), must not block and must not call the broker.
 */
public interface ConsumerProbe {

    /** The transport's name ({@code memory}, {@code kafka}, {@code nats}). */
    String transport();

    /** The topic consumed. */
    String topic();

    /** The subscription group. */
    String group();

    /** The subscription's status; null or a CREATED status while the consumer has no subscription. */
    SubscriptionStatus status();

    /** Events buffered or in process right now. */
    int inFlight();

    /** Events that must go to the dead-letter destination but could not be published there yet. */
    int deadLetterStuck();

    /** Dead-letter publishes that failed since the consumer was created. */
    long deadLetterFailures();

    /** The oldest event in process, waiting for a redelivery or held; null when none. */
    InProcessEvents.OldestEvent oldestEvent();
}
