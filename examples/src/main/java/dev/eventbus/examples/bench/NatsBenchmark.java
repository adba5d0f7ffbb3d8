package dev.eventbus.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.test.nats.NatsTestServer;
import dev.eventbus.examples.bench.BenchSupport.PipelinedSender;
import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import static dev.eventbus.examples.bench.BenchSupport.KEYS;
import static dev.eventbus.examples.bench.BenchSupport.SIZE;
import static dev.eventbus.examples.bench.BenchSupport.body;
import static dev.eventbus.examples.bench.BenchSupport.index;
import static dev.eventbus.examples.bench.BenchSupport.key;

/**
 * Side-by-side NATS JetStream benchmark on one nats-server it starts itself (file storage, 1 KiB messages over 1,000
 * keys): (a) eventbus over NATS, producer + ordered ack-after-process consumer route; (b) raw jnats publishAsync
 * (1,000 outstanding) + {@code ConsumerContext.consume()} with explicit acks; (c) camel-nats 4.17 with
 * {@code pullSubscription=false} (push). Prints end-to-end and producer msg/s, p50/p99 latency, lost, duplicates, order
 * violations, peak threads and threads left after stop. Not a test. Arguments: message counts (default 100000 10000),
 * {@code --paced=<msg/s>} (default 10000) for the paced latency run (3 seconds of it, as Kafka's 30,000 at 10,000/s,
 * so that its latencies after its first second, the start-up, are printed too), {@code --work=none|blocking-1ms-5pct} for the
 * work every consumer does per event ({@link Work}), {@code --charts=<dir>} for PNG charts ({@link Charts}) and
 * {@code --profile=<file.html>} for a CPU flame graph of everything after the warm-up ({@link Profiler}).
 */
public final class NatsBenchmark {

    /** How long the paced run lasts. */
    static final int PACED_SECONDS = 3;

    final String url;
    final Work work;
    private int run;

    private final RawNatsRow raw = new RawNatsRow(this);

    private NatsBenchmark(String url, Work work) {
        this.url = url;
        this.work = work;
    }

    /** The next run's number (each run gets its own subject). */
    int nextRun() {
        return ++run;
    }

    public static void main(String[] args) {
        BenchSupport.runThenExit(() -> benchmark(args));
    }

    static void benchmark(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        int paced = 10_000;
        Work work = Work.NONE;
        String charts = null;
        String profile = null;
        List<String> kinds = List.of("eventbus", "raw", "camel-nats");
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                kinds = List.of(arg.substring(7).split(",")); // eventbus, raw, camel-nats: these kinds alone
            } else if (arg.startsWith("--paced=")) {
                paced = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--work=")) {
                work = Work.parse(arg.substring(7));
            } else if (arg.startsWith("--charts=")) {
                charts = arg.substring(9);
            } else if (arg.startsWith("--profile=")) {
                profile = arg.substring(10);
            } else {
                counts.add(Integer.parseInt(arg.replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100_000, 10_000);
        }
        NatsTestServer server = NatsTestServer.startNew();
        try {
            NatsBenchmark bench = new NatsBenchmark(server.serverUrl(), work);
            System.out.printf(
                    "nats-server -js (file storage) at %s; %d-byte messages over %d keys; work per event: %s; eventbus exchange factory %s; %d cores%n",
                    server.serverUrl(), SIZE, KEYS, work, ExchangeFactories.KIND,
                    Runtime.getRuntime().availableProcessors());
            bench.warmUp(kinds);
            Profiler profiler = Profiler.start(profile);
            List<Result> results = new ArrayList<>();
            System.out.println(Result.HEADER);
            for (int n : counts) {
                if (kinds.contains("eventbus")) {
                    results.add(bench.eventbus(n, 0).print());
                }
                if (kinds.contains("raw")) {
                    results.add(bench.raw.run(n, 0).print());
                }
                if (kinds.contains("camel-nats")) {
                    results.add(bench.camelNats(n).print());
                }
            }
            if (kinds.contains("eventbus")) {
                results.add(bench.eventbus(PACED_SECONDS * paced, paced).print());
            }
            if (kinds.contains("raw")) {
                results.add(bench.raw.run(PACED_SECONDS * paced, paced).print());
            }
            if (profiler != null) {
                profiler.stop();
            }
            Charts.write(charts, "nats" + (work == Work.NONE ? "" : "-" + work),
                    String.format("NATS JetStream (file storage), %d B, work %s", SIZE, work),
                    results.stream().map(Result::chartRow).toList());
        } finally {
            server.stop();
        }
    }

    /** Messages eventbus and raw jnats each run, unmeasured, before the measured runs ({@code -Dbench.warmup}). */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100_000);

    private void warmUp(List<String> kinds) throws Exception {
        if (kinds.contains("eventbus")) {
            eventbus(WARMUP, 0);
        }
        if (kinds.contains("raw")) {
            raw.run(WARMUP, 0);
        }
    }

    // ---------------------------------------------------------------- (a) eventbus

    Result eventbus(int n, int rate) throws Exception {
        String topic = "bench" + (++run);
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        CamelContext context = new DefaultCamelContext();
        ExchangeFactories.apply(context);
        String common = "transport=nats&servers=" + url;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?" + common + "&groupId=bench&maxInFlight=2000"
                        + (KafkaBenchmark.CONSUMER_OPTIONS.contains("concurrency=") ? "" : "&concurrency=16")
                        + KafkaBenchmark.CONSUMER_OPTIONS)
                        .process(e -> {
                            String key = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
                            long version = e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
                            int i = index(key, version);
                            work.on(i);
                            tracker.received(i);
                        });
            }
        });
        context.start();
        // 8 batches of 250 (unpaced) or 1,000 single events (paced; as raw jnats's 1,000 outstanding) awaiting PubAcks
        int batch = rate > 0 ? 1 : 250;
        PipelinedSender sender = new PipelinedSender(context.getEndpoint("eventbus:" + topic + "?" + common),
                rate > 0 ? 1_000 : 8);
        long start = sender.sendEvents(tracker, n, rate, batch);
        long failed = sender.drain();
        sender.close();
        if (failed > 0) {
            System.out.println("  " + failed + " publishes failed");
        }
        long produced = System.nanoTime();
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        context.close();
        return tracker.result(rate > 0 ? "eventbus paced " + rate + "/s" : "eventbus", n, start, produced, end, peak,
                Threads.leftOver(before));
    }

    // ---------------------------------------------------------------- (c) camel-nats push

    Result camelNats(int n) throws Exception {
        String subject = "cn" + (++run);
        String stream = subject.toUpperCase();
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        try (Connection connection = Nats.connect(url)) {
            // the stream exists before the route starts: camel-nats creates it at start too (with the same
            // configuration), but a publish could come first and fail with "503 No Responders" (2 of 4 runs in one
            // session)
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                    .build());
        }
        CamelContext context = new DefaultCamelContext();
        String base = "nats:" + subject + "?servers=" + url + "&jetstreamEnabled=true&jetstreamName=" + stream;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(base + "&pullSubscription=false&durableName=bench").process(e -> {
                    int i = index(e.getMessage().getBody(byte[].class));
                    work.on(i);
                    tracker.received(i);
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
}
