package dev.eventbus.camel.consumer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's counters of one consumer: what it processed, skipped, retried and dead-lettered. The pipeline updates
 * them; {@link dev.eventbus.camel.ConsumerStats} is their read-only view for users.
 */
public final class Counters {

    final LongAdder processed = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder redeliveries = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder resequenced = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder deferred = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder deadLetterFailures = new LongAdder();
    final AtomicInteger deadLetterStuck = new AtomicInteger();
    volatile String lastDeadLetterFailure;

    /** Events whose route completed successfully. */
    public long processed() {
        return processed.sum();
    }

    /**
     * Events skipped as duplicates: a version at or below the aggregate's last processed one that is the same event
     * again (a redelivery or producer retry), or older than the event ids the consumer remembers.
     */
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

    /**
     * Events skipped as stale: their version was processed already as another event (another event id), e.g. two
     * producers writing the same aggregate. Logged at WARN (rate-limited).
     */
    public long staleSkipped() {
        return stale.sum();
    }

    /**
     * Held events handed back to the broker for a later redelivery because half of maxInFlight events were held
     * already (NATS), so a version gap never holds the whole consumer.
     */
    public long deferred() {
        return deferred.sum();
    }

    /** Replayed events ({@code CamelEventBusReplay}) processed although their version was not above the last one. */
    public long replayed() {
        return replayed.sum();
    }

    /** Dead-letter publishes that failed (each is retried with backoff; the event is kept meanwhile). */
    public long deadLetterFailures() {
        return deadLetterFailures.sum();
    }

    /**
     * Events that must go to the dead-letter topic but could not be published there yet: they are kept and retried,
     * and their aggregates wait. Above 0 the consumer is stuck on its dead-letter destination.
     */
    public int deadLetterStuck() {
        return deadLetterStuck.get();
    }

    /** The last dead-letter publish failure, or null when none failed. */
    public String lastDeadLetterFailure() {
        return lastDeadLetterFailure;
    }

    /** Starts a new run of the consumer: no event is stuck on the dead-letter destination. */
    public void resetStuck() {
        deadLetterStuck.set(0);
    }

    @Override
    public String toString() {
        return "processed=" + processed() + ", duplicatesSkipped=" + duplicatesSkipped() + ", redeliveries="
                + redeliveries() + ", deadLettered=" + deadLettered() + ", released=" + released()
                + ", resequenced=" + resequenced() + ", staleSkipped=" + staleSkipped() + ", replayed=" + replayed()
                + ", deferred=" + deferred()
                + ", deadLetterFailures=" + deadLetterFailures() + ", deadLetterStuck=" + deadLetterStuck();
    }
}
