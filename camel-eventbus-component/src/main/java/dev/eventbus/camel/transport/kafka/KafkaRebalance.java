package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.RateLimitedLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's rebalance callbacks, on its poll thread. Assigned: tracks each partition from its position, with
 * the completed offsets its last commit names (when they cannot be read, {@link KafkaSubscription} reads them when
 * the first records arrive). Revoked: marks the partitions' records revoked (lanes skip the ones not started), waits
 * up to {@code revokeTimeout} for those running, commits the watermark, and only then lets the partitions go. Lost:
 * forgets them without a commit.
 */
final class KafkaRebalance implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRebalance.class);

    private final KafkaSubscription subscription;
    private final Consumer<String, byte[]> consumer;
    private final PartitionStates partitions;
    private final KafkaCommits commits;
    private final KafkaSettings settings;
    private final String groupId;
    private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 30_000);

    KafkaRebalance(KafkaSubscription subscription, Consumer<String, byte[]> consumer, PartitionStates partitions,
            KafkaCommits commits, KafkaSettings settings, String groupId) {
        this.subscription = subscription;
        this.consumer = consumer;
        this.partitions = partitions;
        this.commits = commits;
        this.settings = settings;
        this.groupId = groupId;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (subscription.paused) {
            consumer.pause(assigned);
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned),
                    Duration.ofMillis(settings.timeoutMillis()));
            for (TopicPartition partition : assigned) {
                partitions.assign(partition, consumer.position(partition), committed.get(partition));
            }
        } catch (RuntimeException e) {
            // the partitions without a state get one when their first records arrive (stateOf)
            LOG.warn("Reading the committed offsets of {} (group {}) failed; retrying when their records arrive: {}",
                    assigned, groupId, e.toString());
        }
        LOG.debug("Assigned {} (group {})", assigned, groupId);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<PartitionState> states = revoked.stream().map(partitions::get).filter(s -> s != null).toList();
        // lanes skip the records of these partitions that they did not start yet; those running still complete
        states.forEach(PartitionState::startDraining);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.revokeTimeoutMillis());
        while (states.stream().anyMatch(state -> state.outstanding > 0) && System.nanoTime() < deadline
                && !subscription.lifecycle.isClosing()) {
            KafkaSubscription.sleep(2);
            subscription.drainCompleted();
        }
        subscription.drainCompleted();
        states.stream().filter(state -> state.outstanding > 0).forEach(state -> LOG.warn(
                "{} records of {} still running after {} ms (revokeTimeout); releasing the partition anyway",
                state.outstanding, state.partition, settings.revokeTimeoutMillis()));
        Map<TopicPartition, OffsetAndMetadata> offsets = PartitionStates.dueOffsets(states, commits.withMetadata());
        try {
            commits.commitSync(offsets, settings.timeoutMillis());
        } catch (RuntimeException e) {
            LOG.warn("Commit of revoked partitions {} failed; the new owner re-reads from the last commit: {}", revoked,
                    e.toString());
        } finally {
            states.forEach(PartitionState::release);
            revoked.forEach(partitions::remove);
            LOG.debug("Revoked {} (group {})", revoked, groupId);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // another member may own them already: do not commit
        for (TopicPartition partition : lost) {
            PartitionState state = partitions.remove(partition);
            if (state != null) {
                state.revoked = true;
            }
        }
        LOG.warn("Lost partitions {} (group {}); their unfinished records will be delivered again", lost, groupId);
    }

    /**
     * The state of an assigned partition, for its first polled record; created here when the assignment callback could not (its committed offset or
     * position could not be read then), starting at the first polled record. When that fails again the partition is
     * read again from that record on the next poll: records are never skipped for want of a state.
     */
    PartitionState stateOf(TopicPartition partition, long firstOffset) {
        PartitionState state = partitions.get(partition);
        if (state != null || !consumer.assignment().contains(partition)) {
            return state;
        }
        try {
            OffsetAndMetadata last = consumer.committed(Set.of(partition), Duration.ofMillis(settings.timeoutMillis()))
                    .get(partition);
            return partitions.assign(partition, firstOffset, last);
        } catch (RuntimeException e) {
            consumer.seek(partition, firstOffset);
            errorLog.warn("Cannot read the committed offset of {} (group {}); reading it again from offset {}: {}",
                    partition, groupId, firstOffset, e.toString());
            return null;
        }
    }
}
