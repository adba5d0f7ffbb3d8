package dev.eventbus.camel.transport.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.OffsetWatermark;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.TestThreadPools;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rebalance callbacks' bookkeeping against kafka-clients' {@link MockConsumer}, without a broker. */
class KafkaRebalanceTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final PartitionStates partitions = new PartitionStates();

    private KafkaRebalance rebalance(long revokeTimeoutMillis) {
        KafkaSettings settings = new KafkaSettings(Map.of(), Map.of(), Map.of(), 1, (short) 1, true, 5000, 5000, 2000,
                revokeTimeoutMillis);
        KafkaSubscription subscription = new KafkaSubscription(settings,
                new SubscriptionSpec("t", "g", new InFlightLimit(10)), d -> {
                }, new TestThreadPools());
        return new KafkaRebalance(subscription, consumer, partitions, new KafkaCommits(consumer, partitions, "g"),
                settings, "g");
    }

    private OffsetAndMetadata committed() {
        return consumer.committed(Set.of(P0)).get(P0);
    }

    private PartitionState owned(long from, long to, long... completed) {
        PartitionState state = partitions.assign(P0, from, null);
        for (long offset = from; offset <= to; offset++) {
            state.watermark.track(offset);
        }
        for (long offset : completed) {
            state.complete(offset);
        }
        return state;
    }

    @Test
    void anAssignedPartitionStartsAtItsCommitAndSkipsWhatTheLastOwnerCompletedAboveIt() {
        OffsetWatermark lastOwner = new OffsetWatermark(5);
        for (long offset = 5; offset <= 8; offset++) {
            lastOwner.track(offset);
        }
        lastOwner.complete(7);
        lastOwner.complete(8);
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(5, CompletedOffsets.encode(lastOwner))));

        rebalance(2000).onPartitionsAssigned(List.of(P0));

        PartitionState state = partitions.get(P0);
        assertEquals(5, state.watermark.committable());
        assertEquals(Set.of(7L, 8L), state.completedEarlier);
    }

    @Test
    void aRevokedPartitionCommitsItsWatermarkBeforeItIsLetGo() {
        consumer.assign(List.of(P0));
        PartitionState state = owned(0, 3, 0, 1, 3);

        rebalance(2000).onPartitionsRevoked(List.of(P0));

        assertEquals(2, committed().offset());
        assertEquals(Set.of(3L), CompletedOffsets.decode(2, committed().metadata()));
        assertNull(partitions.get(P0));
        assertTrue(state.revoked);
        assertFalse(state.counts(), "released: late completions no longer count");
    }

    @Test
    void aRevokeWaitsForRunningRecordsOnlyUntilRevokeTimeout() {
        consumer.assign(List.of(P0));
        PartitionState state = owned(0, 1, 0);
        state.outstanding = 1; // offset 1 is still running and never finishes

        long start = System.nanoTime();
        rebalance(200).onPartitionsRevoked(List.of(P0));
        long took = (System.nanoTime() - start) / 1_000_000;

        assertTrue(took >= 200 && took < 5000, "waited " + took + " ms");
        assertEquals(1, committed().offset(), "what completed is committed");
        assertNull(partitions.get(P0));
    }

    @Test
    void aLostPartitionIsForgottenWithoutACommit() {
        consumer.assign(List.of(P0));
        PartitionState state = owned(0, 2, 0, 1);

        rebalance(2000).onPartitionsLost(List.of(P0));

        assertNull(committed(), "another member may own it already");
        assertNull(partitions.get(P0));
        assertTrue(state.revoked);
    }

    @Test
    void aPartitionWithoutStateGetsOneAtItsFirstRecord() {
        consumer.assign(List.of(P0));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(4, "")));
        KafkaRebalance rebalance = rebalance(2000);

        PartitionState state = rebalance.stateOf(P0, 4);

        assertEquals(4, state.watermark.committable());
        assertEquals(state, partitions.get(P0));
        assertNull(rebalance.stateOf(new TopicPartition("t", 9), 0), "not assigned: no state");
    }
}
