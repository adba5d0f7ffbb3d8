package dev.eventbus.camel.transport.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.eventbus.camel.transport.OffsetWatermark;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-partition commit bookkeeping: assignment, commits due, restarts, pauses and revocation. */
class PartitionStatesTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final PartitionStates states = new PartitionStates();

    private static void handOut(PartitionState state, long from, long to) {
        for (long offset = from; offset <= to; offset++) {
            state.watermark.track(offset);
            state.outstanding++;
        }
    }

    @Test
    void aPartitionIsCommittedOnlyWhenItProgressedAndAtItsLowestUnfinishedRecord() {
        PartitionState state = states.assign(P0, 10, null);
        handOut(state, 10, 14);
        assertEquals(Map.of(), PartitionStates.dueOffsets(states.all(), true), "nothing completed yet");
        state.complete(10);
        state.complete(12);
        Map<TopicPartition, OffsetAndMetadata> due = PartitionStates.dueOffsets(states.all(), true);
        assertEquals(11, due.get(P0).offset());
        assertEquals(Set.of(12L), CompletedOffsets.decode(11, due.get(P0).metadata()));
        assertEquals(Map.of(), PartitionStates.dueOffsets(states.all(), true), "committed once per progress");
        state.complete(11);
        assertEquals(new OffsetAndMetadata(13, ""), PartitionStates.dueOffsets(states.all(), false).get(P0));
    }

    @Test
    void aFailedCommitIsCommittedAgainIdleOrNot() {
        PartitionState state = states.assign(P0, 0, null);
        handOut(state, 0, 0);
        state.complete(0);
        assertEquals(1, PartitionStates.dueOffsets(states.all(), true).get(P0).offset());
        states.commitFailed(Set.of(P0, P1));
        assertEquals(1, PartitionStates.dueOffsets(states.all(), true).get(P0).offset());
    }

    @Test
    void theCompletedOffsetsOfTheLastCommitAreSkippedWhenItsPositionIsWhereReadingStarts() {
        OffsetWatermark earlier = new OffsetWatermark(20);
        for (long offset = 20; offset <= 23; offset++) {
            earlier.track(offset);
        }
        earlier.complete(21);
        earlier.complete(23);
        String metadata = CompletedOffsets.encode(earlier);

        PartitionState state = states.assign(P0, 20, new OffsetAndMetadata(20, metadata));
        assertEquals(Set.of(21L, 23L), state.completedEarlier);
        state.watermark.track(20);
        assertFalse(state.skipCompletedEarlier(20));
        assertTrue(state.skipCompletedEarlier(21), "an earlier owner completed it");
        state.complete(20);
        assertEquals(22, state.watermark.committable());

        assertEquals(Set.of(), states.assign(P1, 30, new OffsetAndMetadata(20, metadata)).completedEarlier,
                "metadata of a commit at another position names other records");
    }

    @Test
    void aRestartReadsFromTheLowestUnfinishedRecordAndSkipsTheCompletedOnes() {
        PartitionState old = states.assign(P0, 0, null);
        handOut(old, 0, 4);
        old.complete(0);
        old.complete(2);
        old.complete(4);

        long from = states.restart(old);

        assertEquals(1, from);
        assertTrue(old.revoked, "lanes skip the old state's records not yet started");
        PartitionState fresh = states.get(P0);
        assertEquals(Set.of(2L, 4L), fresh.completedEarlier);
        assertEquals(1, fresh.watermark.committable());
    }

    @Test
    void aPartitionWithTooManyRecordsBehindItsLowestUnfinishedOneIsStuck() {
        PartitionState slow = states.assign(P0, 0, null);
        handOut(slow, 0, 9);
        for (long offset = 1; offset <= 9; offset++) {
            slow.complete(offset);
        }
        PartitionState fast = states.assign(P1, 0, null);
        handOut(fast, 0, 9);
        assertEquals(Set.of(P0, P1), states.stuck(5));
        for (long offset = 0; offset <= 9; offset++) {
            fast.complete(offset);
        }
        assertEquals(Set.of(P0), states.stuck(5));
        slow.startDraining();
        assertEquals(Set.of(P0), states.stuck(5), "a draining partition still counts");
        slow.release();
        assertEquals(Set.of(), states.stuck(5), "a released one does not");
    }

    @Test
    void aRevokedPartitionIsCommittedWhileDrainingAndNotAfterItsRelease() {
        PartitionState state = states.assign(P0, 0, null);
        handOut(state, 0, 1);
        state.startDraining();
        state.complete(0);
        assertEquals(1, PartitionStates.dueOffsets(List.of(state), true).get(P0).offset());
        state.release();
        state.complete(1);
        assertEquals(Map.of(), PartitionStates.dueOffsets(List.of(state), true));
        assertFalse(state.counts());
    }

    @Test
    void revokingAllForgetsEveryPartition() {
        PartitionState p0 = states.assign(P0, 0, null);
        PartitionState p1 = states.assign(P1, 0, null);
        states.revokeAll();
        assertTrue(p0.revoked && p1.revoked);
        assertNull(states.get(P0));
        assertTrue(states.all().isEmpty());
    }
}
