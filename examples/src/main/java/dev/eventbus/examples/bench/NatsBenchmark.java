package dev.eventbus.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorConverterHelper;

/**
 * Side-by-side NATS JetStream benchmark on one nats-server it starts itself (file storage, 1 KiB messages over 1,000
 * keys): (a) eventbus over NATS, producer + ordered ack-after-process consumer route; (b) raw jnats publishAsync
 * (1,000 outstanding) + {@code ConsumerContext.consume()} with explicit acks; (c) camel-nats 4.17 with
 * {@code pullSubscription=false} (push). Prints end-to-end and producer msg/s, p50/p99 latency, lost, duplicates, order
 * violations, peak threads and threads left after stop. Not a test. Arguments: message counts (default 100000 10000)
 * and {@code --paced=<msg/s>} (default 10000) for the paced latency run.
 */
public final class NatsBenchmark {

    private static final int KEYS = 1000;
    private static final int SIZE = 1024;

    private final String url;
    private int run;

    private NatsBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        int paced = 10_000;
        for (String arg : args) {
            if (arg.startsWith("--paced=")) {
                paced = Integer.parseInt(arg.substring(8));
            } else {
                counts.add(Integer.parseInt(arg.replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100_000, 10_000);
        }
        NatsTestServer server = NatsTestServer.startNew();
        try {
            NatsBenchmark bench = new NatsBenchmark(server.serverUrl());
            System.out.printf("nats-server -js (file storage) at %s; %d-byte messages over %d keys; %d cores%n",
                    server.serverUrl(), SIZE, KEYS, Runtime.getRuntime().availableProcessors());
            bench.warmUp();
            System.out.println(Result.HEADER);
            for (int n : counts) {
                System.out.println(bench.eventbus(n, 0));
                System.out.println(bench.raw(n, 0));
                System.out.println(bench.camelNats(n));
            }
            System.out.println(bench.eventbus(paced, paced));
            System.out.println(bench.raw(paced, paced));
        } finally {
            server.stop();
        }
    }

    private void warmUp() throws Exception {
        eventbus(20_000, 0);
        raw(20_000, 0);
    }

    // ---------------------------------------------------------------- (a) eventbus

    Result eventbus(int n, int rate) throws Exception {
        String topic = "bench" + (++run);
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        CamelContext context = new DefaultCamelContext();
        String common = "transport=nats&servers=" + url;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?" + common + "&groupId=bench&concurrency=16&maxInFlight=2000")
                        .process(e -> {
                            String key = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
                            long version = e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
                            tracker.received((int) ((version - 1) * KEYS + Integer.parseInt(key.substring(1))));
                        });
            }
        });
        context.start();
        // the eventbus producer's AsyncProcessor, called from this one thread (publishAsync in call order keeps each
        // key's order) with up to 8 exchanges awaiting their PubAcks, as Camel's async routing engine would call it
        Endpoint endpoint = context.getEndpoint("eventbus:" + topic + "?" + common);
        Producer producer = endpoint.createProducer();
        producer.start();
        AsyncProcessor async = AsyncProcessorConverterHelper.convert(producer);
        Semaphore window = new Semaphore(8);
        AtomicLong failed = new AtomicLong();
        String pad = "x".repeat(SIZE - 230);
        long start = System.nanoTime();
        int batch = rate > 0 ? 1 : 250;
        List<Envelope> events = new ArrayList<>(batch);
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                pace(start, i, rate);
            }
            events.add(Envelope.builder().aggregateId("k" + (i % KEYS)).eventType("Bench").eventVersion(i / KEYS + 1)
                    .payload("{\"pad\":\"" + pad + "\"}").build());
            tracker.sent(i);
            if (events.size() == batch || i == n - 1) {
                window.acquire();
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody(events);
                async.process(exchange, done -> {
                    if (exchange.getException() != null) {
                        failed.incrementAndGet();
                    }
                    window.release();
                });
                events = new ArrayList<>(batch);
            }
        }
        window.acquire(8);
        producer.stop();
        if (failed.get() > 0) {
            System.out.println("  " + failed.get() + " publishes failed");
        }
        long produced = System.nanoTime();
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        context.close();
        return tracker.result(rate > 0 ? "eventbus paced " + rate + "/s" : "eventbus", n, start, produced, end, peak,
                Threads.leftOver(before));
    }

    // ---------------------------------------------------------------- (b) raw jnats

    Result raw(int n, int rate) throws Exception {
        String subject = "raw" + (++run);
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        Connection conn = Nats.connect(url);
        JetStreamManagement jsm = conn.jetStreamManagement();
        String stream = subject.toUpperCase();
        jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("bench").ackPolicy(AckPolicy.Explicit)
                .maxAckPending(2000).build());
        ConsumerContext cc = conn.getConsumerContext(stream, "bench");
        MessageConsumer consumer = cc.consume(msg -> {
            tracker.received(index(msg.getData()));
            msg.ack();
        });
        JetStream js = conn.jetStream();
        Semaphore outstanding = new Semaphore(1000);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                pace(start, i, rate);
            }
            outstanding.acquire();
            tracker.sent(i);
            js.publishAsync(subject, body(i)).whenComplete((ack, error) -> outstanding.release());
        }
        outstanding.acquire(1000);
        long produced = System.nanoTime();
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        consumer.stop();
        consumer.close();
        conn.close();
        return tracker.result(rate > 0 ? "raw jnats paced " + rate + "/s" : "raw jnats", n, start, produced, end, peak,
                Threads.leftOver(before));
    }

    // ---------------------------------------------------------------- (c) camel-nats push

    Result camelNats(int n) throws Exception {
        String subject = "cn" + (++run);
        String stream = subject.toUpperCase();
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        CamelContext context = new DefaultCamelContext();
        String base = "nats:" + subject + "?servers=" + url + "&jetstreamEnabled=true&jetstreamName=" + stream;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(base + "&pullSubscription=false&durableName=bench").process(e -> {
                    tracker.received(index(e.getMessage().getBody(byte[].class)));
                });
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            tracker.sent(i);
            template.sendBody(base, body(i)); // synchronous: keeps order; the async loop reorders (see the issue)
        }
        long produced = System.nanoTime();
        tracker.await(180);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        context.close();
        return tracker.result("camel-nats push", n, start, produced, end, peak, Threads.leftOver(before));
    }

    // ---------------------------------------------------------------- helpers

    private static void pace(long start, int i, int rate) {
        long due = start + (long) i * 1_000_000_000L / rate;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 200_000) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] body(int index) {
        byte[] data = new byte[SIZE];
        Arrays.fill(data, (byte) 'x');
        byte[] head = String.format("%012d", index).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }

    private static int index(byte[] data) {
        return Integer.parseInt(new String(data, 0, 12, StandardCharsets.US_ASCII));
    }

    /** Send times, receptions and order per key of one run. */
    private static final class Tracker {
        final long[] sentNanos;
        final long[] latencyNanos;
        final AtomicIntegerArray seen;
        final int[] lastVersion = new int[KEYS];
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong violations = new AtomicLong();
        final CountDownLatch all;
        volatile long last;

        Tracker(int n) {
            sentNanos = new long[n];
            latencyNanos = new long[n];
            seen = new AtomicIntegerArray(n);
            all = new CountDownLatch(n);
        }

        void sent(int i) {
            sentNanos[i] = System.nanoTime();
        }

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
            long lost = all.getCount();
            long[] latencies = Arrays.stream(latencyNanos).filter(l -> l > 0).sorted().toArray();
            double p50 = latencies.length == 0 ? 0 : latencies[latencies.length / 2] / 1e6;
            double p99 = latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99)] / 1e6;
            return new Result(name, n, n / ((end - start) / 1e9), n / ((produced - start) / 1e9), p50, p99, lost,
                    duplicates.get(), violations.get(), peak, left);
        }
    }

    /** One row of the report. */
    record Result(String name, int n, double e2e, double producer, double p50, double p99, long lost, long duplicates,
                  long violations, int peakThreads, int threadsAfterStop) {
        static final String HEADER = String.format("%-26s %8s %10s %10s %9s %9s %6s %6s %6s %6s %6s", "run", "msgs",
                "e2e msg/s", "prod msg/s", "p50 ms", "p99 ms", "lost", "dups", "order", "peakT", "leftT");

        @Override
        public String toString() {
            return String.format("%-26s %8d %10.0f %10.0f %9.2f %9.2f %6d %6d %6d %6d %6d", name, n, e2e, producer, p50,
                    p99, lost, duplicates, violations, peakThreads, threadsAfterStop);
        }
    }

    /** Thread counting. */
    private static final class Threads {
        static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

        static Set<Thread> snapshot() {
            return Set.copyOf(Thread.getAllStackTraces().keySet());
        }

        static void resetPeak() {
            MX.resetPeakThreadCount();
        }

        static int peak() {
            return MX.getPeakThreadCount();
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
