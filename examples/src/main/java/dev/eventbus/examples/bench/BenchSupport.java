package dev.eventbus.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.AsyncProcessorConverterHelper;

/**
 * What the side-by-side benchmarks share: message {@code i} has key {@code k<i % KEYS>} and version
 * {@code i / KEYS + 1}; a {@link Tracker} records send, acknowledgement and receive times, losses, duplicates and per-key order; a
 * {@link Result} is one row of the report; {@link Threads} counts threads.
 */
final class BenchSupport {

    static final int KEYS = 1000;
    static final int SIZE = 1024;

    private BenchSupport() {
    }

    /**
     * Waits until message {@code i} is due at {@code rate} msg/s after {@code start}. Parks only (a park may overshoot
     * by tens of microseconds; the next messages catch up, due times are absolute): spinning would take a whole core
     * of the two the machine has from the broker and the consumer.
     */
    static void pace(long start, int i, int rate) {
        long due = start + (long) i * 1_000_000_000L / rate;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** A {@value #SIZE}-byte body that starts with the message index as 12 ASCII digits. */
    static byte[] body(int index) {
        byte[] data = new byte[SIZE];
        Arrays.fill(data, (byte) 'x');
        byte[] head = String.format("%012d", index).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }

    static int index(byte[] data) {
        return Integer.parseInt(new String(data, 0, 12, StandardCharsets.US_ASCII));
    }

    /** A benchmark's body. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs a benchmark, then ends the JVM, with status 1 after a failure: Parallel Consumer sometimes leaves non-daemon
     * threads running after close() (the "after stop" column), and so may the clients of a failed row (jnats
     * reconnecting to the stopped server); they would keep the JVM alive.
     */
    static void runThenExit(Body benchmark) {
        int status = 0;
        try {
            benchmark.run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static String key(int index) {
        return "k" + (index % KEYS);
    }

    /** Index of the message with this key ({@code k<n>}) and version. */
    static int index(String key, long version) {
        return (int) ((version - 1) * KEYS + Integer.parseInt(key.substring(1)));
    }

    /**
     * Calls a producer's AsyncProcessor from one thread, so sends in call order keep each key's order, with at most
     * {@code window} exchanges awaiting their acknowledgement, as Camel's asynchronous routing engine would call it.
     */
    static final class PipelinedSender implements AutoCloseable {
        private final Endpoint endpoint;
        private final Producer producer;
        private final AsyncProcessor async;
        private final Semaphore window;
        private final int size;
        private final AtomicLong failed = new AtomicLong();

        PipelinedSender(Endpoint endpoint, int window) throws Exception {
            this.endpoint = endpoint;
            this.producer = endpoint.createProducer();
            producer.start();
            this.async = AsyncProcessorConverterHelper.convert(producer);
            this.window = new Semaphore(window);
            this.size = window;
        }

        Exchange newExchange() {
            return endpoint.createExchange();
        }

        /** Sends once a window slot is free; returns without waiting for the acknowledgement. */
        void send(Exchange exchange) throws InterruptedException {
            send(exchange, null);
        }

        /** {@link #send(Exchange)}, running {@code acknowledged} (if any) when the exchange completed without failure. */
        void send(Exchange exchange, Runnable acknowledged) throws InterruptedException {
            window.acquire();
            async.process(exchange, done -> {
                if (exchange.getException() != null) {
                    failed.incrementAndGet();
                } else if (acknowledged != null) {
                    acknowledged.run();
                }
                window.release();
            });
        }

        /**
         * Sends {@code n} envelopes of {@link #SIZE} bytes (message {@code i}: key {@code k<i % KEYS>}, version
         * {@code i / KEYS + 1}), {@code batch} per exchange, paced at {@code rate} per second when it is above 0, and
         * records them in {@code tracker} (a single-event exchange's acknowledgement too); returns the start time.
         */
        long sendEvents(Tracker tracker, int n, int rate, int batch) throws InterruptedException {
            String pad = "x".repeat(SIZE - 230);
            long start = System.nanoTime();
            List<Envelope> events = new ArrayList<>(batch);
            for (int i = 0; i < n; i++) {
                if (rate > 0) {
                    pace(start, i, rate);
                }
                events.add(Envelope.builder().aggregateId(key(i)).eventType("Bench").eventVersion(i / KEYS + 1)
                        .payload("{\"pad\":\"" + pad + "\"}").build());
                tracker.sent(i);
                if (events.size() == batch || i == n - 1) {
                    Exchange exchange = newExchange();
                    exchange.getMessage().setBody(events);
                    int last = i;
                    send(exchange, batch == 1 ? () -> tracker.acked(last) : null);
                    events = new ArrayList<>(batch);
                }
            }
            return start;
        }

        /** Waits until every exchange sent completed; returns how many failed. */
        long drain() throws InterruptedException {
            window.acquire(size);
            window.release(size);
            return failed.get();
        }

        @Override
        public void close() throws Exception {
            producer.stop();
        }
    }

    /**
     * One row of the report. {@code afterFirstSecond}: the e2e percentiles of the messages sent after the run's first
     * second; {@code acknowledgements}: the send-to-acknowledgement percentiles, where the send loop reports them (both
     * null when not measured).
     */
    record Result(String name, int n, double e2e, double producer, double p50, double p99, double p999, long lost,
            long duplicates, long violations, int peakThreads, int threadsAfterStop, String afterFirstSecond,
            String acknowledgements) {
        static final String HEADER = String.format("%-26s %8s %10s %10s %9s %9s %9s %6s %6s %6s %6s %6s", "run",
                "msgs", "e2e msg/s", "prod msg/s", "p50 ms", "p99 ms", "p99.9 ms", "lost", "dups", "order", "peakT",
                "leftT");

        @Override
        public String toString() {
            return String.format("%-26s %8d %10.0f %10.0f %9.2f %9.2f %9.2f %6d %6d %6d %6d %6d", name, n, e2e,
                    producer, p50, p99, p999, lost, duplicates, violations, peakThreads, threadsAfterStop);
        }

        /**
         * Prints this row; a paced row also gets its latencies after its first second (its start-up: a new topic,
         * producer and group) and its send-to-acknowledgement latencies, which tell the broker's append from the
         * consumer's side.
         */
        Result print() {
            System.out.println(this);
            if (name.contains("paced") && afterFirstSecond != null) {
                System.out.println("  " + name + ", messages sent after its first second: p50 / p99 / p99.9 "
                        + afterFirstSecond);
            }
            if (name.contains("paced") && acknowledgements != null) {
                System.out.println("  " + name + ", send to acknowledgement: p50 / p99 / p99.9 " + acknowledgements);
            }
            return this;
        }

        /** This row in a chart, labelled with its name and message count. */
        Charts.Row chartRow() {
            return new Charts.Row(String.format("%s %,d", name, n), e2e, p50, p99, p999);
        }
    }

    /** Thread counting. */
    static final class Threads {
        static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

        private Threads() {
        }

        static Set<Thread> snapshot() {
            return Set.copyOf(Thread.getAllStackTraces().keySet());
        }

        static void resetPeak() {
            MX.resetPeakThreadCount();
        }

        /** Peak live threads of the JVM since {@link #resetPeak()}. */
        static int peak() {
            return MX.getPeakThreadCount();
        }

        /** CPU time so far per thread group (the thread name without digits), to see where a run spends it. */
        static Map<String, Long> cpu() {
            Map<String, Long> cpu = new TreeMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                long nanos = MX.getThreadCpuTime(t.getId());
                if (nanos > 0) {
                    cpu.merge(t.getName().replaceAll("[0-9a-f]*[0-9][0-9a-f]*", "#"), nanos, Long::sum);
                }
            }
            return cpu;
        }

        /** CPU ms per group between two {@link #cpu()} snapshots, largest first, e.g. {@code main=812 ...}. */
        static String cpuSince(Map<String, Long> before, Map<String, Long> after) {
            StringBuilder out = new StringBuilder();
            after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() >= 1_000_000)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(
                            e -> out.append(String.format("%n      %6d ms  %s", e.getValue() / 1_000_000, e.getKey())));
            return out.toString();
        }

        /** Threads started since {@code before} that are still alive a moment after the stop. */
        static int leftOver(Set<Thread> before) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int left;
            do {
                left = (int) Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.isAlive() && !before.contains(t) && !t.getName().startsWith("ForkJoinPool")
                                && !t.getName().startsWith("CompletableFutureDelayScheduler"))
                        .count();
                if (left == 0) {
                    return 0;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            return left;
        }
    }
}
