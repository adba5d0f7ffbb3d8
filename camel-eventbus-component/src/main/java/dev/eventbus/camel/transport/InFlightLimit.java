package dev.eventbus.camel.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts records delivered to a consumer and not yet finished, against a fixed bound. The transport takes permits
 * before it hands records over and pauses while none are free; the consumer returns a permit per finished record.
 * <p>
 * A transport thread waiting for permits is woken once per batch of finished records, not once per record: it waits
 * until a {@linkplain #batch() batch} (a quarter of the bound) is free, or as many as it wants when that is fewer. The
 * consumer still has the other three quarters in flight meanwhile, so the wait never starves it, and the transport
 * hands records over in batches (one lane wake-up per batch).
 */
public final class InFlightLimit {

    private final int max;
    private final int batch;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;
    /** Free permits at which {@link #release} wakes the waiters: the smallest need among them. */
    private volatile int wakeAt = Integer.MAX_VALUE;

    /** Creates a limit of {@code max} records in flight. */
    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1 (was " + max + ")");
        }
        this.max = max;
        this.batch = Math.max(1, max / 4);
    }

    /** The bound. */
    public int max() {
        return max;
    }

    /** Free permits a waiting {@link #acquireUpTo} waits for (unless it wants fewer): a quarter of the bound. */
    public int batch() {
        return batch;
    }

    /** Threads waiting in {@link #acquireUpTo} or {@link #awaitIdle} (for tests). */
    int waiters() {
        return waiters;
    }

    /** Records currently in flight. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The highest number of records that were in flight at once. */
    public int peak() {
        return peak.get();
    }

    /** Free permits right now. */
    public int available() {
        return Math.max(0, max - inFlight.get());
    }

    /**
     * Takes up to {@code wanted} permits. When fewer than {@code min(wanted, batch())} are free it waits, up to
     * {@code timeout}, until that many are; at the timeout it takes what is free.
     *
     * @return the number of permits taken; 0 when none was free at the timeout
     */
    public int acquireUpTo(int wanted, long timeout, TimeUnit unit) throws InterruptedException {
        int enough = Math.max(1, Math.min(wanted, batch));
        if (available() >= enough) {
            int taken = tryAcquireUpTo(wanted);
            if (taken >= enough) {
                return taken;
            }
            if (taken > 0) {
                release(taken); // another thread took permits meanwhile: wait for enough like everyone else
            }
        }
        awaitFree(enough, System.nanoTime() + unit.toNanos(timeout));
        return tryAcquireUpTo(wanted);
    }

    /**
     * Waits up to {@code timeout} until {@code wanted} permits (at most the bound) are free, without taking them; the
     * permits returned wake the caller once, when that many are free.
     *
     * @return whether that many are free
     */
    public boolean awaitAvailable(int wanted, long timeout, TimeUnit unit) throws InterruptedException {
        int enough = Math.max(1, Math.min(wanted, max));
        return available() >= enough || awaitFree(enough, System.nanoTime() + unit.toNanos(timeout));
    }

    /** Waits until {@code enough} permits are free or the deadline passed; returns whether they are free. */
    private boolean awaitFree(int enough, long deadline) throws InterruptedException {
        lock.lock();
        try {
            waiters++;
            wakeAt = Math.min(wakeAt, enough);
            try {
                while (available() < enough) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                return true;
            } finally {
                if (--waiters == 0) {
                    wakeAt = Integer.MAX_VALUE;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code wanted} permits without waiting; returns how many were taken. */
    public int tryAcquireUpTo(int wanted) {
        while (true) {
            int current = inFlight.get();
            int take = Math.min(wanted, max - current);
            if (take <= 0) {
                return 0;
            }
            if (inFlight.compareAndSet(current, current + take)) {
                peak.accumulateAndGet(current + take, Math::max);
                return take;
            }
        }
    }

    /** Returns {@code count} permits. */
    public void release(int count) {
        int now = inFlight.addAndGet(-count);
        if (now < 0) {
            throw new IllegalStateException("released more in-flight permits than were taken");
        }
        if (waiters > 0 && (max - now >= wakeAt || now == 0)) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until nothing is in flight or the timeout passed; returns whether everything finished. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            waiters++;
            try {
                while (inFlight.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                }
                return true;
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }
}
