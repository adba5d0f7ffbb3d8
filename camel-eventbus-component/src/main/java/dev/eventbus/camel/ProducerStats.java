package dev.eventbus.camel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one producer: events the transport accepted, publishes that failed, events not yet acknowledged. The
 * producer updates them on the caller's thread (handing over) and on the thread that completes the publish (a broker
 * client thread: only these counter updates run there); any thread reads them.
 */
public final class ProducerStats {

    private final LongAdder published = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** {@code events} were handed to the transport. */
    void sending(int events) {
        inFlight.addAndGet(events);
    }

    /** The publish of {@code events} completed: all of them accepted, or the publish failed. */
    void sent(int events, boolean accepted) {
        inFlight.addAndGet(-events);
        if (accepted) {
            published.add(events);
        } else {
            failures.increment();
        }
    }

    /** Events the transport accepted (the broker acknowledged them; memory: stored). */
    public long eventsPublished() {
        return published.sum();
    }

    /**
     * Publishes (one per exchange) that failed in the transport: refused, timed out or not acknowledged. Exchanges
     * rejected before anything was sent (an invalid event) are not counted.
     */
    public long publishFailures() {
        return failures.sum();
    }

    /** Events handed to the transport whose acknowledgement has not arrived yet. */
    public int inFlightPublishes() {
        return inFlight.get();
    }

    @Override
    public String toString() {
        return "eventsPublished=" + eventsPublished() + ", publishFailures=" + publishFailures()
                + ", inFlightPublishes=" + inFlightPublishes();
    }
}
