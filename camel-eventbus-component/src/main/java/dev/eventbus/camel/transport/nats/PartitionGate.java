package dev.eventbus.camel.transport.nats;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.SequenceInfo;

/**
 * What keeps a bound durable's messages back so that none overtakes an earlier one still to be redelivered: the
 * {@link RedeliveryBarrier} for left-overs of a previous member (from bind time until they are in) and the
 * {@link GapTracker} for deliveries that went missing since. Poll thread only.
 */
final class PartitionGate {

    private final String durable;
    private RedeliveryBarrier barrier;
    private final GapTracker<NatsDelivery> gaps;

    PartitionGate(String durable, RedeliveryBarrier barrier, GapTracker<NatsDelivery> gaps) {
        this.durable = durable;
        this.barrier = barrier;
        this.gaps = gaps;
    }

    /** The gate of a durable as {@code info} describes it at bind time; waits at most 2 × AckWait + 5 s. */
    static PartitionGate bind(String durable, ConsumerInfo info, long ackWaitMillis) {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(2 * ackWaitMillis + 5000);
        SequenceInfo delivered = info.getDelivered();
        long consumerSeq = delivered == null ? 0 : delivered.getConsumerSequence();
        long streamSeq = delivered == null ? 0 : delivered.getStreamSequence();
        RedeliveryBarrier barrier = info.getNumAckPending() > 0 && delivered != null
                ? new RedeliveryBarrier(streamSeq, info.getNumAckPending(), timeoutNanos) : null;
        return new PartitionGate(durable, barrier, new GapTracker<>(consumerSeq, streamSeq, timeoutNanos));
    }

    /** Whether the durable had left-overs of a previous member at bind time that are not all back. */
    boolean waitsForLeftOvers() {
        return barrier != null;
    }

    /** Records {@code delivery} (in the order received) and tells whether it is kept back for now. */
    boolean keeps(NatsDelivery delivery, long nowNanos) {
        gaps.observe(delivery.consumerSequence(), delivery.offset(), delivery.deliveryCount(), nowNanos);
        if (barrier != null) {
            return barrier.holds(delivery);
        }
        return gaps.keeps(delivery, delivery.offset());
    }

    /** {@code delivery} was received and given back unprocessed: later ones wait for its redelivery. */
    void givenBack(NatsDelivery delivery, long nowNanos) {
        gaps.givenBack(delivery.offset(), nowNanos);
    }

    /** Whether anything is kept or awaited. */
    boolean holding() {
        return barrier != null || gaps.holding();
    }

    /** Whether the durable's ack floor could let something go: a barrier or a gap with an upper bound is open. */
    boolean awaitsAckFloor() {
        return barrier != null || gaps.awaitsAckFloor();
    }

    /** The durable's ack floor (stream sequence) from the server. */
    void ackFloor(long streamSeq, long nowNanos) {
        if (barrier != null) {
            barrier.ackFloor(streamSeq);
        }
        gaps.ackFloor(streamSeq, nowNanos);
    }

    /** Hands the kept deliveries that may go now to {@code out}, in stream order. */
    void release(long nowNanos, Consumer<NatsDelivery> out) {
        if (barrier != null) {
            List<NatsDelivery> released = barrier.tryOpen(nowNanos);
            if (!barrier.isOpen()) {
                return;
            }
            barrier = null;
            for (NatsDelivery delivery : released) {
                if (!gaps.keeps(delivery, delivery.offset())) {
                    out.accept(delivery);
                }
            }
        }
        gaps.release(nowNanos, out);
    }

    String durable() {
        return durable;
    }

    GapTracker<NatsDelivery> gaps() {
        return gaps;
    }
}
