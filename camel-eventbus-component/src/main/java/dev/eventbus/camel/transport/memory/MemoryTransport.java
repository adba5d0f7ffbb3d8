package dev.eventbus.camel.transport.memory;

import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import dev.eventbus.camel.transport.Transport;

/**
 * The in-memory transport: topics of a {@link MemoryBroker}, partitioned by key, bounded, with fan-out to every
 * subscription group and competing members within a group. Records are bytes, exactly as on a broker.
 */
public final class MemoryTransport implements Transport {

    private final MemoryBroker broker;
    private final int partitions;
    private final int capacity;
    private final ThreadPools threads;
    private final MemoryPublisher publisher;

    /**
     * @param broker         the context's topics
     * @param partitions     partitions of topics this transport creates
     * @param capacity       records a partition retains before producers wait
     * @param publishTimeout how long a producer waits for room, in milliseconds
     * @param threads        where the poll threads come from
     */
    public MemoryTransport(MemoryBroker broker, int partitions, int capacity, long publishTimeout,
            ThreadPools threads) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 (was " + partitions + ")");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
        }
        this.broker = broker;
        this.partitions = partitions;
        this.capacity = capacity;
        this.threads = threads;
        this.publisher = new MemoryPublisher(this, TimeUnit.MILLISECONDS.toNanos(publishTimeout));
    }

    MemoryTopic topic(String name) {
        return broker.topic(name, partitions, capacity);
    }

    @Override
    public Publisher publisher() {
        return publisher;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, DeliveryHandler handler) {
        return new MemorySubscription(topic(spec.topic()), spec.groupId(), spec.inFlight(), handler, threads);
    }

    @Override
    public void close() {
        // topics belong to the broker (the CamelContext); subscriptions close themselves
    }
}
