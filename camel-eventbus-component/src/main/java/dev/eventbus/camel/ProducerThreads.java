package dev.eventbus.camel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads of a component's producers, from Camel's ExecutorServiceManager: the default worker pool
 * ({@code eventbus-worker-<n>}), on which routes continue after a publish a broker acknowledged and later waves of a
 * batch are sent, and one timer ({@code eventbus-publish-timer-1}) that fails publishes at their deadline. One per
 * component rather than per endpoint, so the thread count does not grow with the number of topics: a worker only hands
 * an exchange on, and a slow step after {@code to("eventbus:...")} holds one worker, not a broker client thread.
 */
final class ProducerThreads implements AutoCloseable {

    private static final long SHUTDOWN_MILLIS = 10_000;

    private final CamelThreadPools pools;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    ProducerThreads(CamelThreadPools pools, int maxWorkers) {
        this.pools = pools;
        this.workers = pools.newWorkerPool("eventbus-worker", Math.max(1, maxWorkers));
        this.timer = pools.newTimer("eventbus-publish-timer");
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        pools.shutdown(timer, SHUTDOWN_MILLIS);
        pools.shutdown(workers, SHUTDOWN_MILLIS);
    }
}
