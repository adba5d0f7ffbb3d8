package dev.eventbus.camel.transport.memory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventbus.camel.transport.Delivery;

/** A record handed out by a memory partition; {@link #complete()} completes it in the group's watermark. */
final class MemoryDelivery implements Delivery {

    private final MemorySubscription subscription;
    private final MemoryPartition partition;
    private final GroupCursor cursor;
    private final long epoch;
    private final long offset;
    private final int deliveryCount;
    private final MemoryRecord record;
    private final AtomicBoolean done = new AtomicBoolean();

    MemoryDelivery(MemorySubscription subscription, MemoryPartition partition, GroupCursor cursor, long epoch,
            long offset, int deliveryCount, MemoryRecord record) {
        this.subscription = subscription;
        this.partition = partition;
        this.cursor = cursor;
        this.epoch = epoch;
        this.offset = offset;
        this.deliveryCount = deliveryCount;
        this.record = record;
    }

    @Override
    public String topic() {
        return partition.topic;
    }

    @Override
    public int partition() {
        return partition.id;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public String key() {
        return record.key();
    }

    @Override
    public byte[] value() {
        return record.value();
    }

    @Override
    public Map<String, String> headers() {
        return record.headers();
    }

    @Override
    public int deliveryCount() {
        return deliveryCount;
    }

    /**
     * Gives the record up without completing it (its in-flight permit is returned; a later ack is ignored): the
     * partition's next owner fetches it again from the committed offset.
     */
    void abandon() {
        if (done.compareAndSet(false, true)) {
            subscription.settled();
        }
    }

    @Override
    public void complete() {
        if (done.compareAndSet(false, true)) {
            partition.complete(cursor, epoch, offset);
            subscription.settled();
        }
    }
}
