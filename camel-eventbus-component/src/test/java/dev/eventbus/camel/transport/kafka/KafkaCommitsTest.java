package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sync and async commits against kafka-clients' {@link MockConsumer}: retries, bounds and metadata refusal. */
class KafkaCommitsTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS = Map.of(P0,
            new OffsetAndMetadata(7, "eb1:AQ=="));

    /** A consumer whose first {@code failures} sync commits throw what {@code failure} gives. */
    private static final class FailingConsumer extends MockConsumer<String, byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> attempts = new ArrayList<>();
        final AtomicInteger failures;
        final RuntimeException failure;

        FailingConsumer(int failures, RuntimeException failure) {
            super(OffsetResetStrategy.EARLIEST);
            this.failures = new AtomicInteger(failures);
            this.failure = failure;
            assign(List.of(P0));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            attempts.add(offsets);
            if (failures.getAndDecrement() > 0) {
                throw failure;
            }
            super.commitSync(offsets, timeout);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            if (callback == null) { // MockConsumer's commitSync commits through here
                super.commitAsync(offsets, null);
            } else {
                callback.onComplete(offsets, new RetriableCommitFailedException("coordinator moved"));
            }
        }

        OffsetAndMetadata committed() {
            return committed(java.util.Set.of(P0)).get(P0);
        }
    }

    private static KafkaCommits commits(MockConsumer<String, byte[]> consumer) {
        return new KafkaCommits(consumer, new PartitionStates(), "g");
    }

    @Test
    void aRetriableFailureOfASyncCommitIsRetried() {
        FailingConsumer consumer = new FailingConsumer(2, new TimeoutException("slow coordinator"));
        KafkaCommits commits = commits(consumer);
        commits.commitSync(OFFSETS, 5000);
        assertEquals(3, consumer.attempts.size());
        assertEquals(OFFSETS.get(P0), consumer.committed());
        assertEquals(2, commits.failures());
        assertTrue(commits.withMetadata());
    }

    @Test
    void aSyncCommitThatKeepsFailingThrowsAfterItsBound() {
        FailingConsumer consumer = new FailingConsumer(Integer.MAX_VALUE, new TimeoutException("no coordinator"));
        KafkaCommits commits = commits(consumer);
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> commits.commitSync(OFFSETS, 300));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took < 3000, "gave up after " + took + " ms");
        assertTrue(consumer.attempts.size() >= 2, "retried before giving up");
    }

    @Test
    void metadataTheBrokerRefusesIsLeftOutFromThenOn() {
        FailingConsumer consumer = new FailingConsumer(1, new OffsetMetadataTooLarge("too large"));
        KafkaCommits commits = commits(consumer);
        commits.commitSync(OFFSETS, 5000);
        assertEquals(new OffsetAndMetadata(7, ""), consumer.committed(), "committed again without metadata");
        assertFalse(commits.withMetadata(), "later commits carry no metadata");
        assertEquals(1, commits.failures());
    }

    @Test
    void nothingToCommitCallsNoBroker() {
        FailingConsumer consumer = new FailingConsumer(0, null);
        commits(consumer).commitSync(Map.of(), 5000);
        assertTrue(consumer.attempts.isEmpty());
    }

    @Test
    void aFailedAsyncCommitIsCounted() {
        FailingConsumer consumer = new FailingConsumer(0, null);
        KafkaCommits commits = commits(consumer);
        commits.commitAsync(OFFSETS);
        assertEquals(1, commits.failures());
    }
}
