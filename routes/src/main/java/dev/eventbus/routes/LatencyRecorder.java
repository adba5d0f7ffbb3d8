package dev.eventbus.routes;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Keeps up to a fixed number of latency samples (nanoseconds) and reports percentiles. Thread-safe. */
public final class LatencyRecorder {

    private final AtomicLongArray samples;
    private final AtomicInteger count = new AtomicInteger();

    /** Keeps at most {@code capacity} samples; later ones are not kept. */
    public LatencyRecorder(int capacity) {
        this.samples = new AtomicLongArray(capacity);
    }

    /** Records one latency. */
    public void record(long nanos) {
        int index = count.getAndIncrement();
        if (index < samples.length()) {
            samples.set(index, nanos);
        }
    }

    /** Samples recorded (and kept). */
    public int size() {
        return Math.min(count.get(), samples.length());
    }

    /** The given percentiles (0-100) in nanoseconds, sorting the samples once; zeros when empty. */
    public long[] percentiles(double... percentiles) {
        int n = size();
        long[] result = new long[percentiles.length];
        if (n == 0) {
            return result;
        }
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = samples.get(i);
        }
        Arrays.sort(sorted);
        for (int p = 0; p < percentiles.length; p++) {
            int index = (int) Math.ceil(percentiles[p] / 100.0 * n) - 1;
            result[p] = sorted[Math.max(0, Math.min(n - 1, index))];
        }
        return result;
    }
}
