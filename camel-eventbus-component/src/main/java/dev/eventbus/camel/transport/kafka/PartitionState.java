package dev.eventbus.camel.transport.kafka;

import dev.eventbus.camel.transport.OffsetWatermark;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's view of one assigned partition: which offsets were handed out and which completed (the commit
 * watermark), how many are still outstanding, and whether the partition was revoked. Touched by the poll thread only,
 * except {@link #revoked}, which lanes read.
 */
final class PartitionState {

    final TopicPartition partition;
    final OffsetWatermark watermark;
    long committed;
    int outstanding;
    volatile boolean revoked;

    PartitionState(TopicPartition partition, long position) {
        this.partition = partition;
        this.watermark = new OffsetWatermark(position);
        this.committed = position;
    }

    /** The offset to commit when it is ahead of the last commit, else -1. */
    long commitDue() {
        long next = watermark.committable();
        return next > committed ? next : -1;
    }
}
