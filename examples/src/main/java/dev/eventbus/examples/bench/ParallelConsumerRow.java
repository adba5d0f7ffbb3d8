package dev.eventbus.examples.bench;

import java.util.List;
import java.util.Set;

import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import dev.eventbus.examples.bench.RawKafkaRow.Sent;
import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import static dev.eventbus.examples.bench.BenchSupport.index;

/**
 * The Confluent Parallel Consumer row of {@link KafkaBenchmark}: the same load sent by the raw row's KafkaProducer
 * (acks=all, idempotence, lz4, linger 5 ms, 64 KiB batches), consumed by a {@link ParallelStreamProcessor} 0.5.3.3
 * with {@link ProcessingOrder#KEY} (one record per key at a time, in offset order, like the eventbus lanes),
 * {@code maxConcurrency} = the eventbus consumer's concurrency ({@value #CONCURRENCY}, its default, or
 * {@code concurrency=} of {@code -Dbench.consumerOptions}) and {@link CommitMode#PERIODIC_CONSUMER_ASYNCHRONOUS}
 * (Parallel Consumer's default and recommended mode: offsets of completed records committed asynchronously each
 * commit interval; it needs {@code enable.auto.commit=false}). The consumer's other settings are kafka-clients'
 * defaults, as in the raw row. The {@link Work} of the run runs in the poll function, on Parallel Consumer's workers.
 */
final class ParallelConsumerRow {

    /** The eventbus consumer's default concurrency (keyed lanes). */
    static final int CONCURRENCY = 16;

    private final KafkaBenchmark bench;

    ParallelConsumerRow(KafkaBenchmark bench) {
        this.bench = bench;
    }

    /** One run of {@code n} messages, unpaced when {@code rate} is 0; called by the benchmark's main thread. */
    Result run(int n, int rate) throws Exception {
        String topic = bench.newTopic("pc");
        String group = "bench-" + topic;
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        bench.cpuBefore();
        // Parallel Consumer commits itself
        KafkaConsumer<String, byte[]> consumer = RawKafkaRow.consumer(bench.brokers, group, false);
        ParallelStreamProcessor<String, byte[]> processor = ParallelStreamProcessor.createEosStreamProcessor(
                ParallelConsumerOptions.<String, byte[]>builder()
                        .consumer(consumer)
                        .ordering(ProcessingOrder.KEY)
                        .maxConcurrency(concurrency())
                        .commitMode(CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
                        .build());
        Work work = bench.work;
        processor.subscribe(List.of(topic));
        processor.poll(context -> {
            int i = index(context.value());
            work.on(i);
            tracker.received(i);
        });
        bench.awaitAssigned(group);
        Sent sent = RawKafkaRow.sendRaw(bench, topic, n, rate, tracker);
        tracker.await(180);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        bench.printCpu(n, rate);
        sent.close();
        processor.close();
        return tracker.result(rate > 0 ? "parallel-cons paced " + rate + "/s" : "parallel-consumer KEY", n,
                sent.start(), sent.produced(), end, peak, Threads.leftOver(before));
    }

    /** maxConcurrency: {@code concurrency=} of {@code -Dbench.consumerOptions} when given, else the default 16. */
    private static int concurrency() {
        for (String option : KafkaBenchmark.CONSUMER_OPTIONS.split("&")) {
            if (option.startsWith("concurrency=")) {
                return Integer.parseInt(option.substring(12));
            }
        }
        return CONCURRENCY;
    }
}
