package dev.eventbus.camel.transport.nats;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GapTracker}: deliveries received with consumer sequence, stream sequence and delivered count. */
class GapTrackerTest {

    private static final long TIMEOUT = 1_000;

    private final GapTracker<Long> tracker = new GapTracker<>(0, 0, TIMEOUT);
    private final List<Long> handedOut = new ArrayList<>();
    private long now;

    /** Receives a delivery; hands it out unless it is kept. */
    private void receive(long consumerSeq, long streamSeq, long delivered) {
        tracker.observe(consumerSeq, streamSeq, delivered, now);
        if (!tracker.keeps(streamSeq, streamSeq)) {
            handedOut.add(streamSeq);
        }
    }

    private void release() {
        tracker.release(now, handedOut::add);
    }

    @Test
    void contiguousDeliveriesFlow() {
        for (long s = 1; s <= 100; s++) {
            receive(s, s * 3, 1); // stream sequences of one durable need not be contiguous (subjects share a stream)
        }
        release();
        assertEquals(100, handedOut.size());
        assertEquals(Long.MAX_VALUE, tracker.holdAbove());
        assertFalse(tracker.holding());
        assertEquals(0, tracker.opened());
    }

    @Test
    void redeliveriesReceivedHereOpenNoGap() {
        receive(1, 1, 1);
        receive(2, 2, 1);
        receive(3, 1, 2); // redelivery of 1: a new consumer sequence
        receive(4, 3, 1);
        receive(5, 2, 3);
        assertEquals(List.of(1L, 2L, 1L, 3L, 2L), handedOut);
        assertEquals(0, tracker.opened());
    }

    @Test
    void aLostFirstDeliveryKeepsLaterOnesUntilItsRedeliveryThenAllGoInStreamOrder() {
        receive(1, 10, 1);
        // consumer sequence 2 (stream 11) was lost in transit
        receive(3, 12, 1);
        receive(4, 13, 1);
        assertEquals(List.of(10L), handedOut);
        assertEquals(10, tracker.holdAbove());
        receive(5, 4, 2); // an older redelivery (below the gap) flows
        assertEquals(List.of(10L, 4L), handedOut);
        release();
        assertEquals(List.of(10L, 4L), handedOut, "released before the missing message came back");
        receive(6, 11, 2); // the lost one comes back after AckWait
        assertEquals(List.of(10L, 4L), handedOut);
        release();
        assertEquals(List.of(10L, 4L, 11L, 12L, 13L), handedOut);
        assertFalse(tracker.holding());
        receive(7, 14, 1);
        assertEquals(14L, handedOut.get(handedOut.size() - 1));
        assertEquals(0, tracker.timedOut());
    }

    @Test
    void severalLostDeliveriesWaitForAsManyDistinctRedeliveries() {
        receive(1, 1, 1);
        receive(5, 9, 1); // consumer sequences 2-4 lost: stream 2..8 of which three were ours
        receive(6, 3, 2);
        receive(7, 3, 3); // the same one again counts once
        receive(8, 5, 2);
        release();
        assertEquals(List.of(1L), handedOut);
        receive(9, 8, 2);
        release();
        assertEquals(List.of(1L, 3L, 3L, 5L, 8L, 9L), handedOut);
    }

    @Test
    void aGapThatIsNeverFilledTimesOut() {
        receive(1, 1, 1);
        receive(3, 3, 1);
        now += TIMEOUT - 1;
        release();
        assertEquals(List.of(1L), handedOut);
        now += 1;
        release();
        assertEquals(List.of(1L, 3L), handedOut);
        assertEquals(1, tracker.timedOut());
        assertFalse(tracker.holding());
    }

    @Test
    void aLostRedeliveryRevealedByARedeliveryAwaitsARedeliveryAboveTheHighestFirstDelivery() {
        receive(1, 1, 1);
        receive(2, 2, 1);
        receive(4, 1, 2); // consumer sequence 3 lost; this one is a redelivery: no upper bound
        assertEquals(List.of(1L, 2L, 1L), handedOut, "a redelivery below the gap flows");
        receive(5, 3, 1);
        receive(6, 7, 1);
        release();
        assertEquals(List.of(1L, 2L, 1L), handedOut);
        receive(7, 5, 2); // a redelivery above the highest first delivery at the gap closes it
        release();
        assertEquals(List.of(1L, 2L, 1L, 3L, 5L, 7L), handedOut);
    }

    @Test
    void twoGapsReleaseUpToTheOneStillOpen() {
        receive(1, 1, 1);
        receive(3, 3, 1); // 2 lost
        receive(4, 4, 1);
        receive(6, 6, 1); // 5 lost
        receive(7, 7, 1);
        assertEquals(1, tracker.holdAbove());
        receive(8, 5, 2);
        release();
        assertEquals(List.of(1L), handedOut, "the lower gap is still open");
        receive(9, 2, 2);
        release();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), handedOut);
        assertFalse(tracker.holding());
    }

    @Test
    void theLowerGapClosingFirstReleasesUpToTheHigherOne() {
        receive(1, 1, 1);
        receive(3, 3, 1); // 2 lost
        receive(5, 5, 1); // 4 lost
        receive(6, 2, 2);
        release();
        assertEquals(List.of(1L, 2L, 3L), handedOut);
        assertEquals(3, tracker.holdAbove());
        receive(7, 4, 2);
        release();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), handedOut);
    }

    @Test
    void aGapRightAfterBindIsMeasuredFromTheDurablesDeliveredSequences() {
        GapTracker<Long> bound = new GapTracker<>(40, 100, TIMEOUT);
        bound.observe(41, 101, 1, 0);
        assertFalse(bound.keeps(101L, 101));
        bound.observe(43, 105, 1, 0); // 42 went to a departed member's pull request
        assertTrue(bound.keeps(105L, 105));
        assertEquals(101, bound.holdAbove());

        GapTracker<Long> late = new GapTracker<>(40, 100, TIMEOUT);
        late.observe(42, 103, 1, 0); // the first one we get is already past a lost one
        assertEquals(100, late.holdAbove());
        assertTrue(late.keeps(103L, 103));
        assertFalse(late.keeps(90L, 90));
    }

    @Test
    void aConsumerSequenceGoingBackOpensNoGap() {
        receive(1, 1, 1);
        receive(2, 2, 1);
        receive(1, 3, 1); // the durable was recreated: its consumer sequences start again
        receive(2, 4, 1);
        receive(3, 5, 1);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), handedOut);
        assertEquals(0, tracker.opened());
    }

    @Test
    void aGivenBackMessageHoldsLaterOnesUntilItIsRedelivered() {
        receive(1, 1, 1);
        receive(2, 2, 1);
        receive(3, 3, 1);
        tracker.givenBack(2, now);
        tracker.givenBack(3, now);
        receive(4, 4, 1);
        receive(5, 1, 2);
        receive(6, 3, 2);
        release();
        assertEquals(List.of(1L, 2L, 3L, 1L), handedOut);
        receive(7, 2, 2);
        release();
        assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 3L, 4L), handedOut);
    }

    @Test
    void keptMessagesCountAndNothingIsKeptWithoutAGap() {
        receive(1, 1, 1);
        receive(3, 3, 1);
        receive(4, 4, 1);
        assertEquals(2, tracker.keptCount());
        assertTrue(tracker.holding());
        now += TIMEOUT;
        release();
        assertEquals(0, tracker.keptCount());
        assertEquals(Long.MAX_VALUE, tracker.holdAbove());
    }

    @Test
    void anAckFloorBelowTheLostMessageClosesNothing() {
        receive(1, 1, 1);
        receive(3, 3, 1); // 2 lost in transit: pending on the server, so the ack floor stays at 1
        assertTrue(tracker.awaitsAckFloor());
        tracker.ackFloor(1, now);
        release();
        assertEquals(List.of(1L), handedOut);
        assertEquals(0, tracker.competed());
    }

    @Test
    void anAckFloorPassingAGapMeansAnotherMemberCompetesAndGapsAreNotTrackedForAWhile() {
        receive(1, 1, 1);
        receive(3, 3, 1); // 2 went to a competing member
        receive(5, 5, 1); // 4 too
        tracker.ackFloor(2, now); // it acked 2
        release();
        assertEquals(List.of(1L, 3L, 5L), handedOut, "kept after the floor passed the gap");
        assertEquals(1, tracker.competed());
        receive(7, 7, 1); // 6 went to the other member: not tracked while it competes
        assertEquals(List.of(1L, 3L, 5L, 7L), handedOut);
        now += TIMEOUT;
        receive(9, 9, 1); // tracked again after the timeout period
        assertEquals(List.of(1L, 3L, 5L, 7L), handedOut);
        assertEquals(7, tracker.holdAbove());
    }

    @Test
    void aGapWithoutUpperBoundDoesNotCloseByTheAckFloor() {
        receive(1, 1, 1);
        receive(3, 1, 2); // revealed by a redelivery
        assertFalse(tracker.awaitsAckFloor());
        tracker.ackFloor(100, now);
        receive(4, 2, 1);
        release();
        assertEquals(List.of(1L, 1L), handedOut);
        assertEquals(0, tracker.competed());
    }

    @Test
    void aGapWhoseRedeliveriesArrivedIsNotTakenForCompetition() {
        receive(1, 1, 1);
        receive(3, 3, 1);
        receive(4, 2, 2);
        tracker.ackFloor(3, now);
        assertEquals(0, tracker.competed());
        release();
        assertEquals(List.of(1L, 2L, 3L), handedOut);
    }
}
