package dev.eventbus.camel.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts records delivered to a consumer and not yet finished, against a fixed bound. The transport takes permits
 * before it hands records over and pauses while none are free; the consumer returns a permit per finished record.
 */
public final class InFlightLimit {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;

    /** Creates a limit of {@code max} records in flight. */
    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1 (was " + max + ")");
        }
        this.max = max;
    }

    /** The bound. */
    public int max() {
        return max;
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
     * Takes up to {@code wanted} permits, waiting up to {@code timeout} for at least one to be free.
     *
     * @return the number of permits taken; 0 when none became free in time
     */
    public int acquireUpTo(int wanted, long timeout, TimeUnit unit) throws InterruptedException {
        int taken = tryAcquireUpTo(wanted);
        if (taken > 0) {
            return taken;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            waiters++;
            try {
                while ((taken = tryAcquireUpTo(wanted)) == 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return 0;
                    }
                    changed.awaitNanos(left);
                }
                return taken;
            } finally {
                waiters--;
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
        if (waiters > 0) {
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
