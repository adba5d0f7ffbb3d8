package dev.eventbus.examples.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.examples.bench.BenchSupport.Result;

import static dev.eventbus.examples.bench.BenchSupport.KEYS;

/** Send times, receptions, acknowledgements, losses, duplicates and order per key of one run. */
final class Tracker {
    final long[] sentNanos;
    final long[] latencyNanos;
    /** Send to the producer's acknowledgement, where a send loop reports it ({@link #acked}). */
    final long[] ackNanos;
    final AtomicIntegerArray seen;
    final int[] lastVersion = new int[KEYS];
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong violations = new AtomicLong();
    final CountDownLatch all;
    volatile long last;

    Tracker(int n) {
        sentNanos = new long[n];
        latencyNanos = new long[n];
        ackNanos = new long[n];
        seen = new AtomicIntegerArray(n);
        all = new CountDownLatch(n);
    }

    void sent(int i) {
        sentNanos[i] = System.nanoTime();
    }

    /** Records the producer's acknowledgement of message {@code i} (each index once; a failed send is not one). */
    void acked(int i) {
        ackNanos[i] = System.nanoTime() - sentNanos[i];
    }

    /**
     * Where the messages sent at least a second after the first one start: a paced run's first second holds its
     * start-up (a new topic, producer and consumer), which dominates its p99. The length when the run lasted less.
     */
    private int afterFirstSecond() {
        long from = sentNanos.length == 0 ? 0 : sentNanos[0] + 1_000_000_000L;
        int i = 0;
        while (i < sentNanos.length && sentNanos[i] - from < 0) {
            i++;
        }
        return i;
    }

    /** The non-zero values of {@code nanos} from index {@code from} on, sorted. */
    private static long[] sorted(long[] nanos, int from) {
        return Arrays.stream(nanos, Math.min(from, nanos.length), nanos.length).filter(l -> l > 0).sorted().toArray();
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[(int) (sorted.length * fraction)] / 1e6;
    }

    /** "p50 / p99 / p99.9 ms (count)" of the non-zero values from {@code from} on, or null when there are none. */
    private static String percentiles(long[] nanos, int from) {
        long[] sorted = sorted(nanos, from);
        if (sorted.length == 0) {
            return null;
        }
        return String.format("%.2f / %.2f / %.2f ms (%d)", percentile(sorted, 0.5), percentile(sorted, 0.99),
                percentile(sorted, 0.999), sorted.length);
    }

    /** Records the reception of message {@code i}; thread-safe (the per-key order check runs under a lock). */
    void received(int i) {
        long now = System.nanoTime();
        if (seen.getAndIncrement(i) > 0) {
            duplicates.incrementAndGet();
            return;
        }
        latencyNanos[i] = now - sentNanos[i];
        int key = i % KEYS;
        int version = i / KEYS + 1;
        synchronized (lastVersion) {
            if (version != lastVersion[key] + 1) {
                violations.incrementAndGet();
            }
            lastVersion[key] = Math.max(lastVersion[key], version);
        }
        last = now;
        all.countDown();
    }

    void await(int seconds) throws InterruptedException {
        all.await(seconds, TimeUnit.SECONDS);
    }

    long lastNanos() {
        return last;
    }

    Result result(String name, int n, long start, long produced, long end, int peak, int left) {
        long[] latencies = sorted(latencyNanos, 0);
        int after = afterFirstSecond();
        String acknowledgements = percentiles(ackNanos, 0);
        String acknowledgedLater = percentiles(ackNanos, after);
        if (acknowledgedLater != null) {
            acknowledgements += "; of the messages sent after its first second " + acknowledgedLater;
        }
        return new Result(name, n, n / ((end - start) / 1e9), n / ((produced - start) / 1e9),
                percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 0.999),
                all.getCount(), duplicates.get(), violations.get(), peak, left,
                after == sentNanos.length ? null : percentiles(latencyNanos, after), acknowledgements);
    }
}
