package dev.eventbus.camel.transport.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The {@link PartitionState}s of a subscription's assigned partitions. Poll thread only. */
final class PartitionStates {

    private final Map<TopicPartition, PartitionState> states = new HashMap<>();

    PartitionState get(TopicPartition partition) {
        return states.get(partition);
    }

    PartitionState remove(TopicPartition partition) {
        return states.remove(partition);
    }

    Collection<PartitionState> all() {
        return states.values();
    }

    /** Forgets every partition; lanes skip their records not yet started. */
    void revokeAll() {
        states.values().forEach(state -> state.revoked = true);
        states.clear();
    }

    /**
     * Starts tracking {@code partition} from {@code position}; the completed offsets named by {@code last}'s metadata
     * count when it was committed at that position.
     */
    PartitionState assign(TopicPartition partition, long position, OffsetAndMetadata last) {
        Set<Long> completedEarlier = last != null && last.offset() == position
                ? CompletedOffsets.decode(position, last.metadata()) : Set.of();
        PartitionState state = new PartitionState(partition, position, new HashSet<>(completedEarlier));
        states.put(partition, state);
        return state;
    }

    /**
     * Revokes {@code old} locally (lanes skip its records not yet started) and tracks its partition again from its
     * lowest unfinished record, skipping the ones completed above it.
     *
     * @return the position to read the partition from
     */
    long restart(PartitionState old) {
        old.revoked = true;
        long from = old.watermark.committable();
        Set<Long> completed = new HashSet<>(old.completedEarlier);
        old.watermark.forEachCompletedAbove(completed::add);
        states.put(old.partition, new PartitionState(old.partition, from, completed));
        return from;
    }

    /**
     * The owned partitions whose lowest unfinished record has {@code bound} or more records handed out after it (the
     * completed ones are kept until it finishes): they pause so that the set stays bounded.
     */
    Set<TopicPartition> stuck(int bound) {
        Set<TopicPartition> stuck = new HashSet<>();
        for (PartitionState state : states.values()) {
            if (state.counts() && state.watermark.pending() >= bound) {
                stuck.add(state.partition);
            }
        }
        return stuck;
    }

    /** A commit of these partitions failed: commit them again next time, idle or not. */
    void commitFailed(Set<TopicPartition> failed) {
        for (TopicPartition partition : failed) {
            PartitionState state = states.get(partition);
            if (state != null && state.counts()) {
                state.dirty = true;
            }
        }
    }

    /** The commits due for {@code subset}: partitions that progressed (or whose last commit failed) since then. */
    static Map<TopicPartition, OffsetAndMetadata> dueOffsets(Collection<PartitionState> subset, boolean withMetadata) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : subset) {
            if (state.counts()) {
                OffsetAndMetadata offset = state.commitDue(withMetadata);
                if (offset != null) {
                    offsets.put(state.partition, offset);
                }
            }
        }
        return offsets;
    }
}
