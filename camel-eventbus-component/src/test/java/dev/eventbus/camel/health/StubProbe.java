package dev.eventbus.camel.health;

import java.util.List;

import dev.eventbus.camel.consumer.InProcessEvents.OldestEvent;
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;

/** A consumer whose status the test sets. */
final class StubProbe implements ConsumerProbe {

    String transport = "kafka";
    SubscriptionStatus status = running(true, 0, 0);
    int inFlight;
    int deadLetterStuck;
    long deadLetterFailures;
    OldestEvent oldest;

    static SubscriptionStatus running(boolean connected, long pollFailures, long unassignedSince) {
        return new SubscriptionStatus(SubscriptionState.RUNNING, connected, "127.0.0.1:9092", pollFailures,
                unassignedSince,
                List.of(new PartitionStatus(0, 10, 12, 5, false), new PartitionStatus(1, 3, 3, 2, true)));
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String topic() {
        return "orders";
    }

    @Override
    public String group() {
        return "billing";
    }

    @Override
    public SubscriptionStatus status() {
        return status;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public int deadLetterStuck() {
        return deadLetterStuck;
    }

    @Override
    public long deadLetterFailures() {
        return deadLetterFailures;
    }

    @Override
    public OldestEvent oldestEvent() {
        return oldest;
    }
}
