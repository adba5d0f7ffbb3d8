package dev.eventbus.camel.transport.nats;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The barrier a new group member puts before a durable's left-over messages, without a server. */
class RedeliveryBarrierTest {

    private static final long LONG = TimeUnit.HOURS.toNanos(1);

    private static NatsDelivery message(long streamSeq) {
        return FakeJetStreamMessage.delivery(null, streamSeq, streamSeq, 1);
    }

    private static List<Long> positions(List<NatsDelivery> deliveries) {
        return deliveries.stream().map(NatsDelivery::offset).toList();
    }

    @Test
    void keepsEverythingUntilTheLeftOversArrivedThenHandsOverInStreamOrder() {
        RedeliveryBarrier barrier = new RedeliveryBarrier(5, 2, LONG);
        assertTrue(barrier.holds(message(7)), "a new message waits behind the left-overs");
        assertTrue(barrier.holds(message(4)));
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()), "one of two left-overs arrived");
        assertFalse(barrier.isOpen());
        assertTrue(barrier.holds(message(2)));

        assertEquals(List.of(2L, 4L, 7L), positions(barrier.tryOpen(System.nanoTime())));
        assertTrue(barrier.isOpen());
        assertFalse(barrier.holds(message(8)), "an open barrier holds nothing");
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()), "it opens once");
    }

    @Test
    void newMessagesAboveTheDeliveredSequenceAreNoLeftOvers() {
        RedeliveryBarrier barrier = new RedeliveryBarrier(5, 1, LONG);
        barrier.holds(message(6));
        barrier.holds(message(7));
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()));
        barrier.holds(message(5));
        assertEquals(List.of(5L, 6L, 7L), positions(barrier.tryOpen(System.nanoTime())));
    }

    @Test
    void opensAfterTheTimeoutWhenLeftOversNeverCome() {
        RedeliveryBarrier barrier = new RedeliveryBarrier(5, 3, TimeUnit.SECONDS.toNanos(1));
        barrier.holds(message(9));
        barrier.holds(message(8));
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()));
        assertEquals(List.of(8L, 9L), positions(barrier.tryOpen(System.nanoTime() + TimeUnit.SECONDS.toNanos(2))));
    }

    @Test
    void opensWhenTheAckFloorReachesTheDeliveredSequence() {
        RedeliveryBarrier barrier = new RedeliveryBarrier(5, 2, LONG);
        barrier.holds(message(6));
        barrier.ackFloor(4);
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()), "a left-over is still unacknowledged");
        barrier.ackFloor(5);
        assertEquals(List.of(6L), positions(barrier.tryOpen(System.nanoTime())));
        assertEquals(5, barrier.upTo());
    }

    @Test
    void aBarrierExpectingNothingOpensAtOnce() {
        RedeliveryBarrier barrier = new RedeliveryBarrier(0, 0, LONG);
        assertEquals(List.of(), barrier.tryOpen(System.nanoTime()));
        assertTrue(barrier.isOpen());
        assertFalse(barrier.holds(message(1)));
    }
}
