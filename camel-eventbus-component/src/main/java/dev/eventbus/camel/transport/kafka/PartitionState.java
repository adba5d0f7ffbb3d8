package dev.eventbus.camel.transport.kafka;

import java.util.Set;

import dev.eventbus.camel.transport.OffsetWatermark;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's view of one assigned partition: which offsets were handed out and which completed (the commit
 * watermark), how many are still outstanding, and whether the partition was revoked. Touched by the poll thread only,
 * except {@link #revoked}, which lanes read.
 */
final class PartitionState {

    final TopicPartition partition;
    final OffsetWatermark watermark;
    /** Offsets above the committed one that an earlier owner already completed (from the commit metadata). */
    final Set<Long> completedEarlier;
    int outstanding;
    /** Whether records completed since the last commit. */
    boolean dirty;
    volatile boolean revoked;
    /** The offset the group last committed for this partition as far as this member knows. Poll thread only. */
    long committed;
    /** Revoked, but its running records still complete and are committed before the partition is released. */
    private boolean draining;

    PartitionState(TopicPartition partition, long position, Set<Long> completedEarlier) {
        this.partition = partition;
        this.watermark = new OffsetWatermark(position);
        this.committed = position;
        this.completedEarlier = completedEarlier;
    }

    /** Revokes the partition while its running records finish: lanes start none of its records any more. */
    void startDraining() {
        revoked = true;
        draining = true;
    }

    /** The revoked partition is released: nothing of it counts any more. */
    void release() {
        draining = false;
    }

    /** Whether completions of this partition move its watermark and get committed (owned, or revoked and draining). */
    boolean counts() {
        return !revoked || draining;
    }

    void complete(long offset) {
        watermark.complete(offset);
        dirty = true;
    }

    /** Whether an earlier owner completed {@code offset}; it is then tracked as complete and not delivered. */
    boolean skipCompletedEarlier(long offset) {
        if (completedEarlier.isEmpty() || !completedEarlier.remove(offset)) {
            return false;
        }
        watermark.track(offset);
        complete(offset);
        return true;
    }

    /**
     * The commit of this partition's progress when records completed since the last one (or the last commit failed),
     * else null; {@code withMetadata} false leaves out the completed offsets above it (the broker refused the size).
     */
    OffsetAndMetadata commitDue(boolean withMetadata) {
        if (!dirty) {
            return null;
        }
        dirty = false;
        return new OffsetAndMetadata(watermark.committable(), withMetadata ? CompletedOffsets.encode(watermark) : "");
    }
}
