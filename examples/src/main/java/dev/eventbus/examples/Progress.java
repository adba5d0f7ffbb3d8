package dev.eventbus.examples;

import dev.eventbus.routes.OrderProjection;

/** Prints progress about once a second from the demo's main thread and samples the eventbus thread count. */
final class Progress {

    private final int total;
    private final OrderProjection projection;
    private final boolean print;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long lastApplied;
    private int peakThreads;

    Progress(int total, OrderProjection projection, boolean print) {
        this.total = total;
        this.projection = projection;
        this.print = print;
    }

    void tick(int published) {
        long now = System.nanoTime();
        if (now - lastPrint < 1_000_000_000L) {
            return;
        }
        peakThreads = Math.max(peakThreads, Threads.eventbus().size());
        long applied = projection.applied();
        if (print) {
            System.out.printf("  %5.1fs  published %,d/%,d  applied %,d  (%,.0f events/s)%n", (now - start) / 1e9,
                    published, total, applied, (applied - lastApplied) * 1e9 / (now - lastPrint));
        }
        lastApplied = applied;
        lastPrint = now;
    }

    int peakEventbusThreads() {
        return peakThreads;
    }
}
