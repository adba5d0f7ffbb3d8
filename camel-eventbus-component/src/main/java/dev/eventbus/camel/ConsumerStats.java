package dev.eventbus.camel;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one consumer: what it processed, skipped, retried and dead-lettered. */
public final class ConsumerStats {

    final LongAdder processed = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder redeliveries = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder resequenced = new LongAdder();

    /** Events whose route completed successfully. */
    public long processed() {
        return processed.sum();
    }

    /** Events skipped because their version was at or below the aggregate's last processed version. */
    public long duplicatesSkipped() {
        return duplicates.sum();
    }

    /** Retries of events whose route failed. */
    public long redeliveries() {
        return redeliveries.sum();
    }

    /** Events sent to the dead-letter topic (undecodable, or failed maxDeliveries times). */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Events given back unprocessed because their partition moved to another group member (rebalance). */
    public long released() {
        return released.sum();
    }

    /** Events held back because an earlier version of their aggregate had not arrived yet (NATS redeliveries). */
    public long resequenced() {
        return resequenced.sum();
    }

    @Override
    public String toString() {
        return "processed=" + processed() + ", duplicatesSkipped=" + duplicatesSkipped() + ", redeliveries="
               + redeliveries() + ", deadLettered=" + deadLettered() + ", released=" + released()
               + ", resequenced=" + resequenced();
    }
}
