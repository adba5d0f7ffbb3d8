package dev.eventbus.camel.ordering;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane: a loop on its own thread that works on its items one at a time. When an item asks for a retry, its key is
 * parked: later items of that key queue behind it while other keys go on; the retry runs when its delay passed.
 * All state except the inbox is confined to the lane thread.
 */
final class Lane<T> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int index;
    private final LaneWorker<T> worker;
    private final LinkedBlockingQueue<Task<T>> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ArrayDeque<Task<T>> ready = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Task<T>>> parked = new HashMap<>();
    private final PriorityQueue<Task<T>> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private volatile boolean running = true;

    Lane(int index, LaneWorker<T> worker) {
        this.index = index;
        this.worker = worker;
    }

    void submit(String key, T item) {
        pending.incrementAndGet();
        inbox.add(new Task<>(key, item));
    }

    int pending() {
        return pending.get();
    }

    void stop() {
        running = false;
        inbox.add(new Task<>(null, null));
    }

    @Override
    public void run() {
        try {
            while (running) {
                Task<T> task = next();
                if (task != null && task.item != null) {
                    attempt(task);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Task<T> next() throws InterruptedException {
        if (!ready.isEmpty()) {
            return ready.poll();
        }
        long wait = IDLE_POLL_NANOS;
        Task<T> retry = retries.peek();
        if (retry != null) {
            long left = retry.dueNanos - System.nanoTime();
            if (left <= 0) {
                return retries.poll();
            }
            wait = Math.min(wait, left);
        }
        Task<T> task = inbox.poll(wait, TimeUnit.NANOSECONDS);
        if (task != null && task.item != null) {
            ArrayDeque<Task<T>> waiting = parked.get(task.key);
            if (waiting != null) {
                waiting.add(task);
                return null;
            }
        }
        return task;
    }

    private void attempt(Task<T> task) throws InterruptedException {
        task.attempt++;
        Outcome outcome;
        try {
            outcome = worker.work(index, task.item, task.attempt);
        } catch (RuntimeException e) {
            LOG.error("Lane worker failed unexpectedly; retrying the item in 1 s", e);
            outcome = Outcome.retryAfter(1000);
        }
        if (!outcome.isDone()) {
            parked.computeIfAbsent(task.key, k -> new ArrayDeque<>());
            task.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(outcome.retryDelayMillis());
            retries.add(task);
            return;
        }
        pending.decrementAndGet();
        ArrayDeque<Task<T>> waiting = parked.get(task.key);
        if (waiting != null) {
            Task<T> following = waiting.poll();
            if (following == null) {
                parked.remove(task.key);
            } else {
                ready.add(following);
            }
        }
    }

    /** An item with its key and retry state. */
    private static final class Task<T> {
        final String key;
        final T item;
        int attempt;
        long dueNanos;

        Task(String key, T item) {
            this.key = key;
            this.item = item;
        }
    }
}
