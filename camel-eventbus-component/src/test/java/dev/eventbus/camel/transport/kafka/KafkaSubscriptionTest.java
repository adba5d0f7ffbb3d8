package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.TestThreadPools;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poll thread's bookkeeping against kafka-clients' {@link MockConsumer}: failures of the consumer, the handler and
 * the rebalance callbacks never end the loop, leak a permit, skip a record or leave a completed offset uncommitted.
 */
class KafkaSubscriptionTest {

    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private final ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();
    private final InFlightLimit limit = new InFlightLimit(100);
    private final TestThreadPools threads = new TestThreadPools();
    private KafkaSubscription subscription;

    @AfterEach
    void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    private long revokeTimeout = 2000;

    private KafkaSettings settings() {
        return new KafkaSettings(Map.of(), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), Map.of(), 1, (short) 1,
                true, 5000, 5000, 2000, revokeTimeout);
    }

    private void start(MockConsumer<String, byte[]> consumer, dev.eventbus.camel.transport.DeliveryHandler handler) {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        subscription = new KafkaSubscription(settings(), new SubscriptionSpec(TOPIC, "g", limit), handler, threads);
        subscription.start(consumer);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.assignment().contains(P0));
    }

    private void start(MockConsumer<String, byte[]> consumer) {
        start(consumer, received::add);
    }

    private static void add(MockConsumer<String, byte[]> consumer, long... offsets) {
        consumer.schedulePollTask(() -> {
            for (long offset : offsets) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k" + offset, new byte[]{1}));
            }
        });
    }

    private static Long committed(MockConsumer<String, byte[]> consumer) {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? null : offset.offset();
    }

    @Test
    void statusShowsStateAssignmentCompletedAndCommittedOffsetsAndLag() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.updateEndOffsets(Map.of(P0, 5L));
        start(consumer);
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        received.poll().complete();
        received.poll().complete();
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(2).equals(committed(consumer)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            SubscriptionStatus status = subscription.status();
            assertEquals(SubscriptionState.RUNNING, status.state());
            assertEquals(0, status.unassignedSinceMillis());
            assertEquals(1, status.partitions().size());
            PartitionStatus p0 = status.partitions().get(0);
            assertEquals(0, p0.partition());
            assertEquals(2, p0.committedOffset());
            assertEquals(2, p0.completedOffset(), "offset 2 is not completed yet");
            assertEquals(2, p0.lag(), "end offset 5, fetched up to 3");
            assertEquals(2, status.lag());
        });
        subscription.pause();
        assertEquals(SubscriptionState.PAUSED, subscription.status().state());
        subscription.close();
        assertEquals(SubscriptionState.CLOSED, subscription.status().state());
        assertTrue(subscription.status().partitions().isEmpty());
    }

    @Test
    void aFailingAssignmentCallbackDoesNotDiscardThePartitionsRecords() {
        AtomicInteger failures = new AtomicInteger(1);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
                if (failures.getAndDecrement() > 0) {
                    throw new TimeoutException("committed() timed out");
                }
                return super.committed(partitions);
            }
        };
        start(consumer);
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
    }

    @Test
    void aPartitionWhoseStateCannotBeCreatedIsReadAgainFromItsFirstPolledRecord() {
        // committed() fails at assignment, and with an Error when the first records arrive: the poll fails before
        // the partition has a state
        AtomicInteger calls = new AtomicInteger();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
                int call = calls.incrementAndGet();
                if (call == 1) {
                    throw new TimeoutException("committed() timed out");
                }
                if (call == 2) {
                    throw new ExceptionInInitializerError("a class of the client failed to load");
                }
                return super.committed(partitions);
            }
        };
        start(consumer);
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscription.pollFailures() == 1);
        assertEquals(0, limit.inFlight());
        // read again from offset 0 (MockConsumer keeps no log: add again); without the seek they would be skipped
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(3, received.size(),
                () -> received.stream().map(Delivery::offset).toList() + " pollFailures "
                        + subscription.pollFailures()
                        + " position " + consumer.position(P0)));
        assertEquals(List.of(0L, 1L, 2L), received.stream().map(Delivery::offset).toList());
    }

    @Test
    void aThrowingHandlerNeitherEndsTheLoopNorLeaksPermitsNorSkipsRecords() {
        AtomicInteger failures = new AtomicInteger(1);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        start(consumer, new dev.eventbus.camel.transport.DeliveryHandler() {
            @Override
            public void onDelivery(Delivery delivery) {
                received.add(delivery);
            }

            @Override
            public void onDeliveries(List<? extends Delivery> deliveries) {
                if (failures.getAndDecrement() > 0) {
                    throw new ExceptionInInitializerError("lanes broke");
                }
                received.addAll(deliveries);
            }
        });
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscription.pollFailures() == 1);
        assertEquals(0, limit.inFlight(), "the failed hand-over returned its permits");
        // the poll loop goes on and reads the partition again from offset 0 (MockConsumer keeps no log: add again)
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertEquals(List.of(0L, 1L, 2L), received.stream().map(Delivery::offset).toList());
        assertEquals(3, limit.inFlight());
        received.forEach(Delivery::complete);
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(3).equals(committed(consumer)));
        assertEquals(0, limit.inFlight());
    }

    @Test
    void aFailedAsyncCommitOfAnIdlePartitionIsRetried() {
        AtomicInteger failures = new AtomicInteger(2);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                    OffsetCommitCallback callback) {
                if (failures.getAndDecrement() > 0) {
                    callback.onComplete(offsets, new RetriableCommitFailedException("coordinator moved"));
                    return;
                }
                super.commitAsync(offsets, callback);
            }
        };
        start(consumer);
        add(consumer, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        received.poll().complete();
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(committed(consumer)));
        assertEquals(2, subscription.completionFailures(), "failed commits are counted");
    }

    @Test
    void aFailedCommitAtCloseIsRetriedWithinTheBound() {
        AtomicInteger syncFailures = new AtomicInteger(1);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                    OffsetCommitCallback callback) {
                if (callback == null) {
                    super.commitAsync(offsets, null); // commitSync's own path
                    return;
                }
                callback.onComplete(offsets, new RetriableCommitFailedException("coordinator moved"));
            }

            @Override
            public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                if (syncFailures.getAndDecrement() > 0) {
                    throw new TimeoutException("commit timed out");
                }
                super.commitSync(offsets, timeout);
            }

            @Override
            public synchronized void close(Duration timeout) {
                // keep the committed offsets readable after close
            }
        };
        start(consumer);
        add(consumer, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        received.poll().complete();
        subscription.close();
        subscription = null;
        assertEquals(1L, committed(consumer));
    }

    @Test
    void aStuckRecordPausesItsPartitionUntilItCompletes() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.setMaxPollRecords(25);
        start(consumer, delivery -> {
            received.add(delivery);
            if (delivery.offset() != 0) {
                delivery.complete();
            }
        });
        long[] offsets = new long[700];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i;
        }
        add(consumer, offsets);
        // offset 0 is stuck while the later records complete: the partition pauses once 4 x maxInFlight (400) records
        // are pending from it on, so the completed-offset set stays bounded
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().contains(P0));
        int seen = received.size();
        assertTrue(seen >= 4 * 100 && seen < 500, "received " + seen);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == seen);
        Long stuckAt = committed(consumer);
        assertTrue(stuckAt == null || stuckAt == 0, "committed " + stuckAt);
        received.peek().complete();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 700);
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(700).equals(committed(consumer)));
        assertFalse(consumer.paused().contains(P0));
        assertEquals(0, limit.inFlight());
    }

    @Test
    void aBrokerThatRefusesTheCommitMetadataGetsCommitsWithoutIt() {
        // a broker with a low offset.metadata.max.bytes refuses every commit that names completed offsets
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                    OffsetCommitCallback callback) {
                if (callback != null && offsets.values().stream().anyMatch(o -> !o.metadata().isEmpty())) {
                    callback.onComplete(offsets, new OffsetMetadataTooLarge("metadata too large"));
                    return;
                }
                super.commitAsync(offsets, callback);
            }
        };
        start(consumer, delivery -> {
            received.add(delivery);
            if (delivery.offset() != 0) {
                delivery.complete();
            }
        });
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        // offset 0 unfinished, 1 and 2 completed: the commit of offset 0 goes through, without the metadata
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(0).equals(committed(consumer)));
        received.peek().complete();
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(3).equals(committed(consumer)));
    }

    @Test
    void theCommitMetadataStaysWithinKafkasDefaultLimitWhateverIsCompleted() {
        dev.eventbus.camel.transport.OffsetWatermark watermark = new dev.eventbus.camel.transport.OffsetWatermark(0);
        for (long offset = 0; offset < 200_000; offset++) {
            watermark.track(offset);
            if (offset % 2 == 1) {
                watermark.complete(offset);
            }
        }
        String metadata = CompletedOffsets.encode(watermark);
        assertTrue(metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 4096,
                metadata.length() + " bytes");
        Set<Long> decoded = CompletedOffsets.decode(0, metadata);
        assertTrue(decoded.contains(1L) && !decoded.contains(2L) && !decoded.isEmpty());
    }

    @Test
    void theRevokeWaitFollowsRevokeTimeout() {
        revokeTimeout = 300;
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        start(consumer);
        add(consumer, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        java.util.concurrent.atomic.AtomicLong took = new java.util.concurrent.atomic.AtomicLong(-1);
        consumer.schedulePollTask(() -> {
            long start = System.nanoTime();
            consumer.rebalance(List.of()); // the record is still running: the revoke waits for it, up to revokeTimeout
            took.set(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> took.get() >= 0);
        assertTrue(took.get() >= 250 && took.get() < 2000, "revoke took " + took.get() + " ms");
        assertTrue(received.peek().revoked());
    }

    @Test
    void recordsReadAgainAfterThePositionWentBackAreNotHandedOutTwiceNorLeakPermits() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        start(consumer);
        add(consumer, 0, 1, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        consumer.schedulePollTask(() -> {
            consumer.seek(P0, 0); // e.g. an offset reset
            for (long offset = 0; offset <= 3; offset++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k" + offset, new byte[]{1}));
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertEquals(List.of(0L, 1L, 2L, 3L), received.stream().map(Delivery::offset).toList());
        assertEquals(4, limit.inFlight());
        assertEquals(0, subscription.pollFailures());
        received.forEach(Delivery::complete);
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(4).equals(committed(consumer)));
        assertEquals(0, limit.inFlight());
    }
}
