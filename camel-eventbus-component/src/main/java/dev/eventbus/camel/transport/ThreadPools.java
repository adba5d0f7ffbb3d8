package dev.eventbus.camel.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where transports and lanes get their threads from; backed by Camel's ExecutorServiceManager so that every thread is
 * named {@code eventbus-...}, tracked, and gone after the CamelContext stops.
 */
public interface ThreadPools {

    /** A pool of {@code threads} threads named {@code name-1 .. name-N}, for long-running loops. */
    ExecutorService newFixedPool(String name, int threads);

    /**
     * One timer thread named {@code name-1}; its queue is unbounded, and shutting it down drops the tasks waiting for
     * their time.
     */
    default ScheduledExecutorService newTimer(String name) {
        throw new UnsupportedOperationException("timers of " + getClass().getSimpleName());
    }

    /** Shuts the pool down, waiting up to {@code timeoutMillis} for its threads to end, then interrupts them. */
    void shutdown(ExecutorService pool, long timeoutMillis);
}
