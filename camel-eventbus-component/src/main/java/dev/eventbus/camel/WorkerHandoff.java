package dev.eventbus.camel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands tasks from broker client threads (the completions of publishes: the rest of each exchange's route) to the
 * worker pool with as few hand-offs as the load allows. A task goes into a queue; a worker is asked for only when no
 * draining worker is free to take it, that is when every one of them is inside a task. A draining worker runs queued
 * tasks until none is left, then ends. So under load one worker start serves many completions (one pool submit and
 * wake-up per burst instead of one per exchange, on the broker's I/O thread), while a slow route step still holds up
 * only its own worker: the next task finds no free drainer and asks the pool for another, up to {@code maxDrainers}.
 * <p>
 * A pool that rejects (it is shut down: the context is stopping) gets the tasks run on the calling thread rather than
 * never.
 */
final class WorkerHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandoff.class);

    private final Executor workers;
    private final int maxDrainers;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Drainers asked of the pool and not ended. */
    private final AtomicInteger drainers = new AtomicInteger();
    /** Drainers inside a task, not free to take the next one. */
    private final AtomicInteger busy = new AtomicInteger();

    /**
     * @param workers     the worker pool
     * @param maxDrainers at most this many tasks run at once (the pool's size)
     */
    WorkerHandoff(Executor workers, int maxDrainers) {
        this.workers = workers;
        this.maxDrainers = Math.max(1, maxDrainers);
    }

    /** Runs {@code task} on a worker, after the tasks handed over before it that no worker has started yet. */
    void execute(Runnable task) {
        queue.add(task);
        while (true) {
            int started = drainers.get();
            if (started - busy.get() > 0 || started >= maxDrainers) {
                return; // a free drainer takes it (or, at the bound, the first one to finish its task)
            }
            if (drainers.compareAndSet(started, started + 1)) {
                break;
            }
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drainers.decrementAndGet();
            LOG.debug("Worker pool rejected a completion; running it on {}", Thread.currentThread().getName());
            runQueued();
        }
    }

    private void drain() {
        boolean again;
        do {
            try {
                runQueued();
            } finally {
                drainers.decrementAndGet();
            }
            // a task added after the queue looked empty, by a thread that took this drainer for free: take it after all
            again = !queue.isEmpty() && rejoin();
        } while (again);
    }

    /** Counts this thread as a drainer again, unless the bound is reached (the drainers at work then take the task). */
    private boolean rejoin() {
        while (true) {
            int started = drainers.get();
            if (started >= maxDrainers) {
                return false;
            }
            if (drainers.compareAndSet(started, started + 1)) {
                return true;
            }
        }
    }

    private void runQueued() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            busy.incrementAndGet();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A completion handed to the worker pool failed", e);
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    /** Drainers working now (for tests). */
    int drainers() {
        return drainers.get();
    }
}
