package dev.eventbus.camel.ordering;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * When an item is held ({@link Outcome#hold}), its key's later items go ahead; the held item is attempted again, in
 * the key's turn, as soon as another item of the key is done, or when its hold delay passed. At most one item per key
 * is ready or running at any time. All state except the inbox is confined to the lane thread.
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
    private final Map<String, ArrayDeque<Task<T>>> held = new HashMap<>();
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

    void submitAll(List<String> keys, List<T> items) {
        List<Task<T>> tasks = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            tasks.add(new Task<>(keys.get(i), items.get(i)));
        }
        pending.addAndGet(tasks.size());
        inbox.addAll(tasks);
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
                retries.poll();
                return retry.held ? holdExpired(retry) : retry;
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
        task.held = false;
        Outcome outcome;
        try {
            outcome = worker.work(index, task.item, task.attempt);
        } catch (RuntimeException e) {
            LOG.error("Lane worker failed unexpectedly; retrying the item in 1 s", e);
            outcome = Outcome.retryAfter(1000);
        }
        if (outcome instanceof Outcome.Hold hold) {
            task.held = true;
            task.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hold.maxDelayMillis());
            held.computeIfAbsent(task.key, k -> new ArrayDeque<>()).add(task);
            retries.add(task);
            advance(task.key, false);
            return;
        }
        if (outcome instanceof Outcome.Retry retry) {
            parked.computeIfAbsent(task.key, k -> new ArrayDeque<>());
            task.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retry.delayMillis());
            retries.add(task);
            return;
        }
        pending.decrementAndGet();
        advance(task.key, true);
    }

    /**
     * Makes the key's next waiting item ready, if any. {@code releaseHeld}: an item of the key is done, so its held
     * items go first (they may fit now).
     */
    private void advance(String key, boolean releaseHeld) {
        ArrayDeque<Task<T>> waiting = parked.get(key);
        ArrayDeque<Task<T>> released = releaseHeld ? held.remove(key) : null;
        if (released != null) {
            for (Task<T> task : released) {
                retries.remove(task);
            }
            if (waiting != null) {
                released.addAll(waiting);
            }
            waiting = released;
            parked.put(key, waiting);
        }
        if (waiting == null) {
            return;
        }
        Task<T> following = waiting.poll();
        if (following == null) {
            parked.remove(key);
        } else {
            ready.add(following);
        }
    }

    /** A held item whose delay passed: attempt it now, or in its key's turn when another item of the key is busy. */
    private Task<T> holdExpired(Task<T> task) {
        ArrayDeque<Task<T>> holding = held.get(task.key);
        if (holding != null) {
            holding.remove(task);
            if (holding.isEmpty()) {
                held.remove(task.key);
            }
        }
        ArrayDeque<Task<T>> waiting = parked.get(task.key);
        if (waiting != null) {
            waiting.addFirst(task);
            return null;
        }
        // the key has no chain: start one, so the key's next inbox items queue behind this attempt
        parked.put(task.key, new ArrayDeque<>());
        return task;
    }

    /** An item with its key and retry state. */
    private static final class Task<T> {
        final String key;
        final T item;
        int attempt;
        long dueNanos;
        boolean held;

        Task(String key, T item) {
            this.key = key;
            this.item = item;
        }
    }
}
