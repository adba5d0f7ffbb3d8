package dev.eventbus.camel.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs one kind of recurring problem at most once per interval, saying how many similar lines it suppressed since
 * the last one, so a stuck record or a failing broker is loud without flooding the log. Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** Logs at ERROR unless a line of this kind was logged within the interval; the last argument may be a Throwable. */
    public void error(String format, Object... args) {
        if (claim()) {
            log.error(withSuppressed(format), args);
        }
    }

    /** Logs at WARN unless a line of this kind was logged within the interval. */
    public void warn(String format, Object... args) {
        if (claim()) {
            log.warn(withSuppressed(format), args);
        }
    }

    /** Logs at INFO unless a line of this kind was logged within the interval. */
    public void info(String format, Object... args) {
        if (claim()) {
            log.info(withSuppressed(format), args);
        }
    }

    private boolean claim() {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextNanos.compareAndSet(next, now + intervalNanos)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    private String withSuppressed(String format) {
        long n = suppressed.getAndSet(0);
        return n == 0 ? format : format + " (" + n + " similar messages suppressed)";
    }
}
