package dev.eventbus.camel.transport;

import java.util.concurrent.ExecutorService;

/**
 * Where transports and lanes get their threads from; backed by Camel's ExecutorServiceManager so that every thread is
 * named {@code eventbus-...}, tracked, and gone after the CamelContext stops.
 */
public interface ThreadPools {

    /** A pool of {@code threads} threads named {@code name-1 .. name-N}, for long-running loops. */
    ExecutorService newFixedPool(String name, int threads);

    /** Shuts the pool down, waiting up to {@code timeoutMillis} for its threads to end, then interrupts them. */
    void shutdown(ExecutorService pool, long timeoutMillis);
}
