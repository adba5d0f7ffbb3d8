package dev.eventbus.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import org.apache.camel.AsyncProcessor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ConsumerGroupState;

import static dev.eventbus.examples.bench.BenchSupport.KEYS;
import static dev.eventbus.examples.bench.BenchSupport.SIZE;
import static dev.eventbus.examples.bench.BenchSupport.key;

/**
 * Side-by-side Kafka benchmark on one broker (a Kafka 3.9.1 KRaft broker it starts itself, or {@code --brokers}), each
 * run on a fresh topic with {@value #PARTITIONS} partitions, 1 KiB messages over 1,000 keys:
 * <ol>
 * <li>eventbus over Kafka: the {@code eventbus:} producer's AsyncProcessor called from one thread with up to 2,000
 * events awaiting their acks (8 exchanges with batches of 250 events; 2,000 single-event exchanges when paced), and an {@code eventbus:} route with default concurrency and
 * maxInFlight (keyed lanes, commit after process);</li>
 * <li>raw kafka-clients: a KafkaProducer with the transport's settings (acks=all, idempotence, lz4, linger 5 ms, 64 KiB
 * batches) and one KafkaConsumer on its own thread with auto-commit ({@link RawKafkaRow});</li>
 * <li>camel-kafka 4.17 with its defaults: the {@code kafka:} producer's AsyncProcessor called from one thread with up to
 * 2,000 exchanges in flight (as many records as the eventbus run has in flight), and a {@code kafka:} route with only
 * {@code groupId} and {@code autoOffsetReset=earliest} set (its defaults are a random group and latest offsets).</li>
 * </ol>
 * Every run waits until its consumer group owns all partitions before the first send. Prints end-to-end (first send to
 * last receive) and producer msg/s, p50/p99 latency (send to receive), lost, duplicates, per-key order violations,
 * peak live threads and threads left after stop. A fourth row, Confluent Parallel Consumer 0.5.3.3 (KEY order,
 * {@code maxConcurrency} = the eventbus consumer's concurrency), is in {@link ParallelConsumerRow}. Not a test.
 * Arguments: message counts (default 200000 10000), {@code --paced=<msg/s>} (default 10000) and
 * {@code --paced-count=<n>} (default 30000) for the paced latency runs, {@code --brokers=host:port} to use a running
 * broker instead of starting one, {@code --only=eventbus|raw|camel-kafka|parallel-consumer} to run one kind alone
 * (or a comma-separated list of kinds), {@code --producer-only} to run the eventbus and raw rows with no consumer (the
 * producer alone), {@code --cpu} to print each run's CPU time per thread group, {@code --work=none|blocking-1ms-5pct} for the work every
 * consumer does per event ({@link Work}), {@code --charts=<dir>} for PNG charts ({@link Charts}) and
 * {@code --profile=<file.html>} for a CPU flame graph of everything after the warm-up ({@link Profiler}).
 */
public final class KafkaBenchmark {

    /** Extra options of the eventbus consumer endpoint, e.g. {@code -Dbench.consumerOptions=concurrency=4}. */
    static final String CONSUMER_OPTIONS = System.getProperty("bench.consumerOptions", "").isEmpty()
            ? "" : "&" + System.getProperty("bench.consumerOptions");

    private static final int PARTITIONS = 8;
    /** Events per exchange of the unpaced eventbus send loop ({@code -Dbench.batch}; paced: 1). */
    static final int EVENTBUS_BATCH = Integer.getInteger("bench.batch", 250);
    /**
     * Records awaiting their acks in every unpaced and paced send loop ({@code -Dbench.inFlight}; the raw loop's
     * window can be turned off, see {@link RawKafkaRow#WINDOW}).
     */
    static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 2_000);

    final String brokers;
    final Work work;
    /**
     * {@code --producer-only}: the eventbus and raw rows publish with no consumer running (the "producer
     * alone"); the e2e column then repeats the producer's rate and the latency columns are 0.
     */
    final boolean producerOnly;
    private final Admin admin;
    private int run;
    private static boolean cpu;
    private Map<String, Long> cpuBefore;

    private KafkaBenchmark(String brokers, Work work, boolean producerOnly) {
        this.brokers = brokers;
        this.work = work;
        this.producerOnly = producerOnly;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    public static void main(String[] args) {
        BenchSupport.runThenExit(() -> benchmark(args));
    }

    private static void benchmark(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        int paced = 10_000;
        int pacedCount = 30_000;
        String brokers = null;
        String only = "";
        boolean producerOnly = false;
        Work work = Work.NONE;
        String charts = null;
        String profile = null;
        for (String arg : args) {
            if (arg.startsWith("--paced=")) {
                paced = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--paced-count=")) {
                pacedCount = Integer.parseInt(arg.substring(14).replace("_", ""));
            } else if (arg.equals("--cpu")) {
                cpu = true; // print the CPU time of each thread group per run
            } else if (arg.startsWith("--only=")) {
                only = arg.substring(7); // eventbus, raw, camel-kafka or parallel-consumer: one kind alone
            } else if (arg.equals("--producer-only")) {
                producerOnly = true;
            } else if (arg.startsWith("--work=")) {
                work = Work.parse(arg.substring(7));
            } else if (arg.startsWith("--charts=")) {
                charts = arg.substring(9);
            } else if (arg.startsWith("--profile=")) {
                profile = arg.substring(10);
            } else if (arg.startsWith("--brokers=")) {
                brokers = arg.substring(10);
            } else {
                counts.add(Integer.parseInt(arg.replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(200_000, 10_000);
        }
        KafkaTestBroker broker = null;
        if (brokers == null) {
            // -Deventbus.kafka.broker.jvmOptions=... changes the broker JVM's flags (KafkaTestBroker.PRODUCTION_JVM_OPTIONS
            // are Kafka's own; on this 2-core machine they measured no better than the fast-starting test flags)
            broker = KafkaTestBroker.startNew();
            brokers = broker.bootstrapServers();
        }
        KafkaBenchmark bench = new KafkaBenchmark(brokers, work, producerOnly);
        try {
            System.out.printf(
                    "Kafka at %s%s; %d partitions; %d-byte messages over %d keys; work per event: %s; eventbus exchange factory %s; %d cores; %s records in flight per send loop%n",
                    brokers, broker != null ? " (KafkaTestBroker, 3.9.1 KRaft)" : "", PARTITIONS, SIZE, KEYS, work,
                    ExchangeFactories.KIND,
                    Runtime.getRuntime().availableProcessors(),
                    RawKafkaRow.WINDOW ? String.format("%,d", IN_FLIGHT)
                            : String.format("%,d (raw: unbounded)", IN_FLIGHT));
            List<String> kinds = only.isEmpty() ? List.of("eventbus", "raw", "camel-kafka", "parallel-consumer")
                    : List.of(only.split(","));
            List<Run> runs = new ArrayList<>();
            if (kinds.contains("eventbus")) {
                runs.add(new EventbusKafkaRow(bench)::run);
            }
            if (kinds.contains("raw")) {
                runs.add(new RawKafkaRow(bench)::run);
            }
            if (kinds.contains("camel-kafka")) {
                runs.add(new CamelKafkaRow(bench)::run);
            }
            if (kinds.contains("parallel-consumer")) {
                runs.add(new ParallelConsumerRow(bench)::run);
            }
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("--only must be eventbus, raw, camel-kafka or parallel-consumer");
            }
            for (Run r : runs) {
                r.run(WARMUP, 0); // warm-up
            }
            Profiler profiler = Profiler.start(profile);
            List<Result> results = new ArrayList<>();
            System.out.println(Result.HEADER);
            for (int n : counts) {
                for (Run r : runs) {
                    results.add(r.run(n, 0).print());
                }
            }
            for (Run r : runs) {
                results.add(r.run(pacedCount, paced).print());
            }
            if (profiler != null) {
                profiler.stop();
            }
            Charts.write(charts, "kafka" + (work == Work.NONE ? "" : "-" + work),
                    String.format("Kafka 3.9.1, %d partitions, %d B, work %s", PARTITIONS, SIZE, work),
                    results.stream().map(Result::chartRow).toList());
        } finally {
            bench.admin.close();
            if (broker != null) {
                broker.stop();
            }
        }
    }

    /** A producer-only row: failed sends count as lost. */
    static Result producerOnlyResult(String name, int n, long start, long produced, long failed, int peak,
            Set<Thread> before) throws InterruptedException {
        double rate = n / ((produced - start) / 1e9);
        return new Result(name, n, rate, rate, 0, 0, 0, failed, 0, 0, peak, Threads.leftOver(before), null, null);
    }

    /** One kind of run: {@code n} messages, unpaced when {@code rate} is 0. */
    private interface Run {
        Result run(int n, int rate) throws Exception;
    }

    /** Messages each kind runs, unmeasured, before the measured runs ({@code -Dbench.warmup}). */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 200_000);

    // ---------------------------------------------------------------- helpers

    String newTopic(String prefix) throws Exception {
        String topic = prefix + (++run) + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // every partition has its leader before any client asks for the topic (else its metadata retries back off)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hasLeaders(topic) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return topic;
    }

    private boolean hasLeaders(String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            return false; // not known to the broker's metadata yet
        }
    }

    /** Waits until the group is stable and its members own all partitions, so no run times a group join. */
    void awaitAssigned(String group) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            int owned = description.members().stream().map(MemberDescription::assignment)
                    .mapToInt(a -> a.topicPartitions().size()).sum();
            if (description.state() == ConsumerGroupState.STABLE && owned == PARTITIONS) {
                Thread.sleep(1000); // and the consumer has looked up its start offsets and sent its first fetches
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("group " + group + " did not get all " + PARTITIONS + " partitions in 60 s");
    }

    /** Starts counting a run's CPU time per thread group (see --cpu). */
    void cpuBefore() {
        cpuBefore = Threads.cpu();
    }

    void printCpu(int n, int rate) {
        if (cpu) {
            System.out.printf("  CPU of run %d (%d msgs%s), this JVM, by thread:%s%n", run, n,
                    rate > 0 ? " paced" : "", Threads.cpuSince(cpuBefore, Threads.cpu()));
        }
    }

    static void reportFailures(long failed) {
        if (failed > 0) {
            System.out.println("  " + failed + " sends failed");
        }
    }
}
