package dev.eventbus.examples;

import java.util.List;

import dev.eventbus.examples.bench.Charts;
import dev.eventbus.routes.OrderProjection;

/** The figures of one demo run. */
record DemoResult(int published, long publishNanos, long endToEndNanos, OrderProjection projection,
        String consumerStats,
        int peakEventbusThreads, List<String> eventbusThreadsAfterStop, int jvmThreadDelta, String meters,
        Memory.Figures memory) {

    long lost() {
        return published - projection.applied();
    }

    long orderViolations() {
        return projection.outOfOrder() + projection.concurrent();
    }

    boolean clean() {
        return lost() == 0 && orderViolations() == 0 && projection.replayed() == 0
                && eventbusThreadsAfterStop.isEmpty();
    }

    /** The run as one chart row: end-to-end events/s and lag percentiles. */
    Charts.Row chartRow(DemoOptions options) {
        long[] lag = projection.lag().percentiles(50, 99, 99.9);
        return new Charts.Row(String.format("eventbus %s %,d", options.transport(), published),
                published * 1e9 / endToEndNanos, lag[0] / 1e6, lag[1] / 1e6, lag[2] / 1e6);
    }

    /** Events per second from the first publish to the last event applied. */
    double endToEndPerSecond() {
        return published * 1e9 / endToEndNanos;
    }

    /** Events per second published. */
    double publishPerSecond() {
        return published * 1e9 / publishNanos;
    }

    String summary(DemoOptions options) {
        long[] lag = projection.lag().percentiles(50, 99, 99.9);
        return String.format("""

                == eventbus order-events demo (%s transport, envelope codec, %d lanes) ==
                events               %,d over %,d orders, %,d-byte payloads, batches of %d, %d publisher threads%s
                publish              %,.0f events/s
                end to end           %,.0f events/s  (first publish to last event applied)
                lag p50 / p99 / p999 %.2f / %.2f / %.2f ms  (event timestamp to projection)
                lost                 %,d
                duplicates           %,d
                order violations     %,d
                consumer             %s
                memory               %s
                eventbus threads     peak %d, after stop %d %s
                JVM threads          %+d after stop vs. before start
                result               %s
                """,
                options.transport(), options.concurrency(), published, options.aggregates(), options.payloadBytes(),
                options.batch(),
                options.publishers(),
                options.rate() > 0 ? ", paced at " + options.rate() + "/s" : "",
                published * 1e9 / publishNanos, published * 1e9 / endToEndNanos,
                lag[0] / 1e6, lag[1] / 1e6, lag[2] / 1e6, lost(), projection.replayed(), orderViolations(),
                consumerStats, memory.summary(published),
                peakEventbusThreads, eventbusThreadsAfterStop.size(),
                eventbusThreadsAfterStop.isEmpty() ? "" : eventbusThreadsAfterStop.toString(), jvmThreadDelta,
                clean() ? "OK" : "NOT OK");
    }
}
