package dev.eventbus.camel.transport.nats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Notices messages of a durable that the server delivered but this member never received (lost in transit, or taken
 * by a pull request of a member that died) and keeps later messages back until they are redelivered, so a version of
 * an aggregate cannot overtake an earlier one that is still to come back (the consumer would take the later one as
 * the aggregate's start and skip the earlier one as a duplicate). Poll thread only.
 * <p>
 * JetStream numbers every delivery of a durable, redeliveries included, with the consumer sequence, and delivers first
 * deliveries in stream order. So a consumer sequence above the expected next one means the skipped deliveries went
 * elsewhere; those of them that were first deliveries have a stream sequence above the highest first delivery seen
 * before ({@code after}) and, when the message that revealed the gap is a first delivery, below its stream sequence
 * ({@code before}). The server redelivers them after AckWait (delivered count above 1). While such a gap is open,
 * messages with a stream sequence above {@code after} are kept; older ones (redeliveries) flow. A gap closes when as
 * many distinct redeliveries inside it arrived as deliveries were skipped, or after the timeout (some skipped
 * deliveries may have been redeliveries of messages outside it, or were acked by another member); the kept messages
 * then go on in stream order. Heartbeats and status messages carry no sequences and never reach this class.
 * <p>
 * <p>
 * Several members competing on one durable (no partitions, or two instances binding the same partitions) see gaps all
 * the time: the other member took those messages and acks them; they never come back here. So while a gap is open the
 * durable's ack floor is read from the server: when it passes a gap that did not get its redeliveries, another member
 * acked them, and for the next timeout period gaps are not tracked (competing members give no order guarantee).
 * <p>
 * Hot path with no gap open: {@link #observe} compares the consumer sequence with the expected one and
 * {@link #keeps} compares the stream sequence with {@code Long.MAX_VALUE}.
 *
 * @param <T> the messages kept
 */
final class GapTracker<T> {

    private final long timeoutNanos;
    /** The consumer sequence expected next. */
    private long expected;
    /** The highest stream sequence of a first delivery seen. */
    private long highestFirst;
    /** Messages with a stream sequence above this are kept: the lowest {@code after} of the open gaps. */
    private long holdAbove = Long.MAX_VALUE;
    private final List<Gap> gaps = new ArrayList<>(2);
    private final List<Kept<T>> kept = new ArrayList<>();
    private long opened;
    private long timedOut;
    private long competed;
    /** Until when another member is known to consume the durable: no gaps are tracked. */
    private long competingUntilNanos;
    private boolean competing;

    /**
     * @param deliveredConsumerSeq the durable's last delivered consumer sequence when this member bound (0: none)
     * @param deliveredStreamSeq   the stream sequence of its last delivered message then (0: none)
     * @param timeoutNanos         how long a gap may stay open (2 × AckWait and a margin)
     */
    GapTracker(long deliveredConsumerSeq, long deliveredStreamSeq, long timeoutNanos) {
        this.expected = deliveredConsumerSeq + 1;
        this.highestFirst = deliveredStreamSeq;
        this.timeoutNanos = timeoutNanos;
    }

    /** Records a received delivery, in the order received; opens a gap when deliveries were skipped. */
    void observe(long consumerSeq, long streamSeq, long deliveredCount, long nowNanos) {
        if (consumerSeq != expected) {
            jumped(consumerSeq, deliveredCount <= 1 ? streamSeq : Long.MAX_VALUE, nowNanos);
        } else {
            expected = consumerSeq + 1;
        }
        if (deliveredCount <= 1) {
            if (streamSeq > highestFirst) {
                highestFirst = streamSeq;
            }
        } else if (!gaps.isEmpty()) {
            for (Gap gap : gaps) {
                if (streamSeq > gap.after && streamSeq < gap.before) {
                    gap.arrived.add(streamSeq);
                }
            }
        }
    }

    private void jumped(long consumerSeq, long before, long nowNanos) {
        if (consumerSeq < expected) {
            return; // not newer than what we saw (a recreated durable restarts at 1): nothing was skipped
        }
        if (competing && nowNanos - competingUntilNanos < 0) {
            expected = consumerSeq + 1;
            return;
        }
        competing = false;
        open(new Gap(highestFirst, before, consumerSeq - expected, nowNanos + timeoutNanos));
        expected = consumerSeq + 1;
    }

    /**
     * A message this member received and gave back (it comes back as a redelivery): later messages wait for it like
     * for a skipped one.
     */
    void givenBack(long streamSeq, long nowNanos) {
        open(new Gap(streamSeq - 1, streamSeq + 1, 1, nowNanos + timeoutNanos));
    }

    private void open(Gap gap) {
        gaps.add(gap);
        opened++;
        holdAbove = Math.min(holdAbove, gap.after);
    }

    /** Whether an open gap can close by the ack floor (it has an upper bound): worth asking the server for it. */
    boolean awaitsAckFloor() {
        for (Gap gap : gaps) {
            if (gap.before != Long.MAX_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The durable's ack floor (every message up to this stream sequence is acked). When it passes a gap whose
     * redeliveries did not all arrive here, another member acked them: the gaps close and none is tracked for the
     * timeout period.
     */
    void ackFloor(long streamSeq, long nowNanos) {
        for (Gap gap : gaps) {
            if (gap.before != Long.MAX_VALUE && gap.before - 1 <= streamSeq && gap.arrived.size() < gap.missing) {
                competed++;
                competing = true;
                competingUntilNanos = nowNanos + timeoutNanos;
                gaps.clear();
                return;
            }
        }
    }

    /** Keeps {@code item} back when a gap below its stream sequence is open; false when it may go now. */
    boolean keeps(T item, long streamSeq) {
        if (streamSeq <= holdAbove) {
            return false;
        }
        kept.add(new Kept<>(streamSeq, item));
        return true;
    }

    /** Whether a gap is open or messages are kept. */
    boolean holding() {
        return !gaps.isEmpty() || !kept.isEmpty();
    }

    /** Closes the gaps that are complete or timed out and hands the kept messages that may go now to {@code out}, in stream order. */
    void release(long nowNanos, Consumer<T> out) {
        if (gaps.isEmpty() && kept.isEmpty()) {
            return;
        }
        long lowest = Long.MAX_VALUE;
        for (Iterator<Gap> it = gaps.iterator(); it.hasNext();) {
            Gap gap = it.next();
            if (gap.arrived.size() >= gap.missing) {
                it.remove();
            } else if (nowNanos - gap.deadlineNanos >= 0) {
                timedOut++;
                it.remove();
            } else {
                lowest = Math.min(lowest, gap.after);
            }
        }
        holdAbove = lowest;
        if (kept.isEmpty()) {
            return;
        }
        kept.sort((a, b) -> Long.compare(a.streamSeq, b.streamSeq));
        int n = 0;
        while (n < kept.size() && kept.get(n).streamSeq <= holdAbove) {
            out.accept(kept.get(n++).item);
        }
        kept.subList(0, n).clear();
    }

    /** The stream sequence above which messages are kept; {@code Long.MAX_VALUE} when no gap is open. */
    long holdAbove() {
        return holdAbove;
    }

    /** Gaps opened so far. */
    long opened() {
        return opened;
    }

    /** Gaps that closed by their timeout rather than by the redeliveries arriving. */
    long timedOut() {
        return timedOut;
    }

    /** How often another member was found acking messages of the durable. */
    long competed() {
        return competed;
    }

    /** Messages kept now. */
    int keptCount() {
        return kept.size();
    }

    /** Deliveries skipped between two received ones: stream sequences in (after, before), redelivered later. */
    private static final class Gap {
        final long after;
        final long before;
        final long missing;
        final long deadlineNanos;
        final Set<Long> arrived = new HashSet<>();

        Gap(long after, long before, long missing, long deadlineNanos) {
            this.after = after;
            this.before = before;
            this.missing = missing;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private record Kept<T>(long streamSeq, T item) {
    }
}
