package dev.eventbus.camel;

import dev.eventbus.camel.consumer.InProcessEvents;
import dev.eventbus.camel.health.ConsumerProbe;
import dev.eventbus.camel.transport.SubscriptionStatus;

/**
 * What the health checks read from one {@link EventBusConsumer}: on the caller's thread (a health-check call), without
 * a lock or a broker call.
 */
final class ConsumerHealthProbe implements ConsumerProbe {

    private final EventBusConsumer consumer;

    ConsumerHealthProbe(EventBusConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String transport() {
        return consumer.getEndpoint().getConfiguration().getTransport().name();
    }

    @Override
    public String topic() {
        return consumer.getEndpoint().getConfiguration().getTopic();
    }

    @Override
    public String group() {
        return consumer.getGroupId();
    }

    /** The subscription's status; CREATED (not started) while the consumer has no subscription. */
    @Override
    public SubscriptionStatus status() {
        return consumer.getSubscriptionStatus();
    }

    @Override
    public int inFlight() {
        return consumer.getInFlight();
    }

    @Override
    public int deadLetterStuck() {
        return consumer.getStats().deadLetterStuck();
    }

    @Override
    public long deadLetterFailures() {
        return consumer.getStats().deadLetterFailures();
    }

    @Override
    public InProcessEvents.OldestEvent oldestEvent() {
        return consumer.oldestEvent();
    }
}
