package dev.eventbus.camel;

import dev.eventbus.camel.consumer.Counters;

/** Counters of one consumer: what it processed, skipped, retried and dead-lettered. */
public final class ConsumerStats {

    private final Counters counters;

    ConsumerStats(Counters counters) {
        this.counters = counters;
    }

    /** Events whose route completed successfully. */
    public long processed() {
        return counters.processed();
    }

    /**
     * Events skipped as duplicates: a version at or below the aggregate's last processed one that is the same event
     * again (a redelivery or producer retry), or older than the event ids the consumer remembers.
     */
    public long duplicatesSkipped() {
        return counters.duplicatesSkipped();
    }

    /** Retries of events whose route failed. */
    public long redeliveries() {
        return counters.redeliveries();
    }

    /** Events sent to the dead-letter topic (undecodable, or failed maxDeliveries times). */
    public long deadLettered() {
        return counters.deadLettered();
    }

    /** Events given back unprocessed because their partition moved to another group member (rebalance). */
    public long released() {
        return counters.released();
    }

    /** Events held back because an earlier version of their aggregate had not arrived yet (NATS redeliveries). */
    public long resequenced() {
        return counters.resequenced();
    }

    /**
     * Events skipped as stale: their version was processed already as another event (another event id), e.g. two
     * producers writing the same aggregate. Logged at WARN (rate-limited).
     */
    public long staleSkipped() {
        return counters.staleSkipped();
    }

    /**
     * Held events handed back to the broker for a later redelivery because half of maxInFlight events were held
     * already (NATS), so a version gap never holds the whole consumer.
     */
    public long deferred() {
        return counters.deferred();
    }

    /** Replayed events ({@code CamelEventBusReplay}) processed although their version was not above the last one. */
    public long replayed() {
        return counters.replayed();
    }

    /** Dead-letter publishes that failed (each is retried with backoff; the event is kept meanwhile). */
    public long deadLetterFailures() {
        return counters.deadLetterFailures();
    }

    /**
     * Events that must go to the dead-letter topic but could not be published there yet: they are kept and retried,
     * and their aggregates wait. Above 0 the consumer is stuck on its dead-letter destination.
     */
    public int deadLetterStuck() {
        return counters.deadLetterStuck();
    }

    /** The last dead-letter publish failure, or null when none failed. */
    public String lastDeadLetterFailure() {
        return counters.lastDeadLetterFailure();
    }

    @Override
    public String toString() {
        return counters.toString();
    }
}
