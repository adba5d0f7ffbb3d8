package dev.eventbus.camel.transport.kafka;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Lets a repeated log line through at most once per period. */
final class LogLimiter {

    private final long periodNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());

    LogLimiter(long periodMillis) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
    }

    /** Whether to log now; if so, the next line passes one period later. */
    boolean allow() {
        long now = System.nanoTime();
        long at = next.get();
        return now - at >= 0 && next.compareAndSet(at, now + periodNanos);
    }
}
