package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.RateLimitedLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits of one subscription, on its poll thread: an async commit that fails marks its partitions for the next
 * commit (so an idle partition's last progress is not lost); a sync commit (revoke, close) is retried on retriable
 * failures until its bound. A broker that refuses the commit metadata as too large (a lower
 * {@code offset.metadata.max.bytes} than Kafka's 4096 default) gets commits without metadata from then on.
 */
final class KafkaCommits {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommits.class);

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Consumer<String, byte[]> consumer;
    private final PartitionStates partitions;
    private final String groupId;
    private long lastCommit = System.nanoTime();
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 30_000);
    private boolean withMetadata = true;
    /** Written by the poll thread, read by stats. */
    private volatile long failures;

    KafkaCommits(Consumer<String, byte[]> consumer, PartitionStates partitions, String groupId) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.groupId = groupId;
    }

    /** Commits (async) the progress of every partition that moved, at most every 100 ms. */
    void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommit < INTERVAL_NANOS) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = PartitionStates.dueOffsets(partitions.all(), withMetadata);
        if (!offsets.isEmpty()) {
            commitAsync(offsets);
        }
    }

    /** Commits (sync) the progress of every partition that moved; throws when that fails within the bound. */
    void commitAll(long timeoutMillis) {
        commitSync(PartitionStates.dueOffsets(partitions.all(), withMetadata), timeoutMillis);
    }

    /** Whether commits carry the completed offsets above the committed one. */
    boolean withMetadata() {
        return withMetadata;
    }

    /** Commits that failed so far. */
    long failures() {
        return failures;
    }

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                failed(offsets, failure);
                // committed again at the next interval
                partitions.commitFailed(offsets.keySet());
            } else {
                committed(offsets);
            }
        });
    }

    /** Commits synchronously, retrying retriable failures until {@code timeoutMillis} passed; then throws. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, long timeoutMillis) {
        if (offsets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<TopicPartition, OffsetAndMetadata> pending = offsets;
        for (long backoff = 50;; backoff = Math.min(1000, backoff * 2)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                consumer.commitSync(pending, Duration.ofMillis(Math.max(1, left)));
                committed(pending);
                return;
            } catch (WakeupException e) {
                // close() woke the consumer after the loop's last poll: the wake-up is spent, commit again
                if (deadline - System.nanoTime() <= 0) {
                    throw e;
                }
            } catch (RetriableException | OffsetMetadataTooLarge e) {
                failed(pending, e);
                if (e instanceof OffsetMetadataTooLarge) {
                    pending = withoutMetadata(pending);
                }
                if (deadline - System.nanoTime() <= TimeUnit.MILLISECONDS.toNanos(backoff)) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException();
                }
            }
        }
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.committed = offset.offset();
            }
        });
    }

    private void failed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
        failures = failures + 1;
        if (failure instanceof OffsetMetadataTooLarge && withMetadata) {
            withMetadata = false;
            LOG.warn("The broker refuses the commit metadata of group {} as too large (offset.metadata.max.bytes); "
                    + "committing without it: records completed above a commit are processed again after a rebalance",
                    groupId);
        } else {
            failureLog.warn("Commit of {} (group {}) failed ({} commit failures so far); retrying: {}",
                    offsets.keySet(),
                    groupId, failures, failure.toString());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> withoutMetadata(
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> plain = new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> plain.put(partition, new OffsetAndMetadata(offset.offset(), "")));
        return plain;
    }
}
