package dev.eventbus.camel.transport.nats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a new group member from processing a durable's messages out of order after a previous member left messages
 * unacknowledged (it crashed or was stopped abruptly). The server redelivers those left-overs after their AckWait, in
 * an order that depends on when each was last touched, while new messages flow at once; a new member that does not
 * know an aggregate yet would take the first version it sees as the start and skip the older left-over as a
 * duplicate. So while the barrier is closed every message is kept back; it opens when as many left-overs (stream
 * sequence at or below the durable's delivered sequence at bind time) as were pending at bind time arrived, or after a
 * timeout, or when the durable's ack floor reaches the delivered sequence of bind time (the old member acked them
 * after all: an overlapping hand-over), and then hands everything over in stream order. Poll thread only.
 */
final class RedeliveryBarrier {

    private final long upTo;
    private final long expected;
    private final long deadlineNanos;
    private final Set<Long> leftOvers = new HashSet<>();
    private final List<NatsDelivery> kept = new ArrayList<>();
    private boolean open;
    private boolean acked;

    /**
     * @param upTo         the durable's delivered stream sequence at bind time
     * @param expected     messages pending (unacked) at bind time
     * @param timeoutNanos when to stop waiting for them
     */
    RedeliveryBarrier(long upTo, long expected, long timeoutNanos) {
        this.upTo = upTo;
        this.expected = expected;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    /** Whether {@code delivery} is kept back (the barrier took it); false when it may be handed over now. */
    boolean holds(NatsDelivery delivery) {
        if (open) {
            return false;
        }
        if (delivery.offset() <= upTo) {
            leftOvers.add(delivery.offset());
        }
        kept.add(delivery);
        return true;
    }

    /**
     * Opens the barrier when every left-over arrived or the timeout passed.
     *
     * @return the kept deliveries in stream order when it opened now; empty otherwise
     */
    List<NatsDelivery> tryOpen(long nowNanos) {
        if (open || (leftOvers.size() < expected && !acked && nowNanos < deadlineNanos)) {
            return List.of();
        }
        open = true;
        List<NatsDelivery> released = new ArrayList<>(kept);
        released.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        kept.clear();
        leftOvers.clear();
        return released;
    }

    /** The durable's ack floor: at or above {@link #upTo()} every left-over was acked, none is to come. */
    void ackFloor(long streamSeq) {
        if (streamSeq >= upTo) {
            acked = true;
        }
    }

    boolean isOpen() {
        return open;
    }

    long upTo() {
        return upTo;
    }
}
