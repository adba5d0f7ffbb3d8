package dev.eventbus.camel.transport.nats;

import java.util.concurrent.TimeUnit;

/** Lets a repeated log line through at most once per interval and counts the ones it held back. Thread-safe. */
final class LogThrottle {

    private final long intervalNanos;
    private long next = System.nanoTime();
    private long suppressed;

    LogThrottle(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** -1 when the line is to be left out now; else how many were left out since the last one let through. */
    synchronized long admit() {
        long now = System.nanoTime();
        if (now - next < 0) {
            suppressed++;
            return -1;
        }
        next = now + intervalNanos;
        long left = suppressed;
        suppressed = 0;
        return left;
    }
}
