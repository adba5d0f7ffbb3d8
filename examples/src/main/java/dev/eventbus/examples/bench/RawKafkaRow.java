package dev.eventbus.examples.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static dev.eventbus.examples.bench.BenchSupport.body;
import static dev.eventbus.examples.bench.BenchSupport.index;
import static dev.eventbus.examples.bench.BenchSupport.key;
import static dev.eventbus.examples.bench.BenchSupport.pace;

/**
 * The raw kafka-clients row of {@link KafkaBenchmark}: a KafkaProducer with the transport's settings (acks=all,
 * idempotence, lz4, linger 5 ms, 64 KiB batches) called from the benchmark's main thread, and one KafkaConsumer with
 * auto-commit on its own thread ({@code raw-consumer}), which does the run's {@link Work}. The send loop
 * ({@link #sendRaw}) also feeds the Parallel Consumer row.
 */
final class RawKafkaRow {

    private final KafkaBenchmark bench;

    RawKafkaRow(KafkaBenchmark bench) {
        this.bench = bench;
    }

    /**
     * A plain KafkaConsumer of {@code group} reading from the earliest offset, with kafka-clients' defaults otherwise;
     * {@code autoCommit} false for a consumer that commits itself (Parallel Consumer).
     */
    static KafkaConsumer<String, byte[]> consumer(String brokers, String group, boolean autoCommit) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommit),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** One run of {@code n} messages, unpaced when {@code rate} is 0; called by the benchmark's main thread. */
    Result run(int n, int rate) throws Exception {
        String topic = bench.newTopic("raw");
        String group = "bench-" + topic;
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        bench.cpuBefore();
        if (bench.producerOnly) {
            Sent sent = sendRaw(bench, topic, n, rate, tracker);
            int peak = Threads.peak();
            bench.printCpu(n, rate);
            sent.close();
            return KafkaBenchmark.producerOnlyResult("raw producer only", n, sent.start(), sent.produced(), 0, peak,
                    before);
        }
        KafkaConsumer<String, byte[]> consumer = consumer(bench.brokers, group, true);
        AtomicBoolean closing = new AtomicBoolean();
        Thread poller = new Thread(() -> {
            consumer.subscribe(List.of(topic));
            try {
                while (!closing.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        int i = index(record.value());
                        bench.work.on(i);
                        tracker.received(i);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, "raw-consumer");
        poller.start();
        bench.awaitAssigned(group);
        Sent sent = sendRaw(bench, topic, n, rate, tracker);
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        bench.printCpu(n, rate);
        sent.close();
        closing.set(true);
        consumer.wakeup();
        poller.join();
        return tracker.result(rate > 0 ? "raw kafka paced " + rate + "/s" : "raw kafka-clients", n, sent.start(),
                sent.produced(), end, peak, Threads.leftOver(before));
    }

    /**
     * Start and end (all acknowledged) of a send loop, in System.nanoTime(), and its producer, closed after the run's CPU
     * time was read (its network thread's CPU counts).
     */
    record Sent(long start, long produced, KafkaProducer<String, byte[]> producer) implements AutoCloseable {
        @Override
        public void close() {
            producer.close();
        }
    }

    /**
     * Sends {@code n} messages to {@code topic} with a raw KafkaProducer with the transport's settings from this thread
     * and waits for their acks; used by the raw and the Parallel Consumer rows.
     */
    /**
     * Whether the send loop keeps at most {@link KafkaBenchmark#IN_FLIGHT} records awaiting their acks, as every other
     * row does (default); {@code -Dbench.rawWindow=false} sends without a window, bounded only by the producer's
     * buffer.memory (tens of thousands of 1 KiB records).
     */
    static final boolean WINDOW = Boolean.parseBoolean(System.getProperty("bench.rawWindow", "true"));

    static Sent sendRaw(KafkaBenchmark bench, String topic, int n, int rate, Tracker tracker) throws Exception {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536),
                new StringSerializer(), new ByteArraySerializer());
        producer.partitionsFor(topic); // metadata, as the eventbus producer's start fetches it
        AtomicLong failed = new AtomicLong();
        Semaphore window = new Semaphore(WINDOW ? KafkaBenchmark.IN_FLIGHT : Integer.MAX_VALUE);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                pace(start, i, rate);
            }
            tracker.sent(i);
            window.acquire();
            int index = i;
            producer.send(new ProducerRecord<>(topic, key(i), body(i)), (metadata, error) -> {
                if (error == null) {
                    tracker.acked(index);
                }
                window.release();
                if (error != null && failed.incrementAndGet() == 1) {
                    System.out.println("  first failed send: " + error);
                }
            });
        }
        producer.flush();
        long produced = System.nanoTime();
        KafkaBenchmark.reportFailures(failed.get());
        return new Sent(start, produced, producer);
    }
}
