package dev.eventbus.examples.bench;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.eventbus.examples.bench.BenchSupport.PipelinedSender;
import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;

import static dev.eventbus.examples.bench.BenchSupport.body;
import static dev.eventbus.examples.bench.BenchSupport.index;
import static dev.eventbus.examples.bench.BenchSupport.key;
import static dev.eventbus.examples.bench.BenchSupport.pace;

/**
 * The camel-kafka 4.17 row of {@link KafkaBenchmark}, with its defaults: the {@code kafka:} producer's AsyncProcessor
 * called from the benchmark's main thread with up to 2,000 exchanges in flight, and a {@code kafka:} route with only
 * {@code groupId} and {@code autoOffsetReset=earliest} set, whose processor does the run's {@link Work}.
 */
final class CamelKafkaRow {

    private final KafkaBenchmark bench;

    CamelKafkaRow(KafkaBenchmark bench) {
        this.bench = bench;
    }

    /** One run of {@code n} messages, unpaced when {@code rate} is 0; called by the benchmark's main thread. */
    Result run(int n, int rate) throws Exception {
        String topic = bench.newTopic("ck");
        String group = "bench-" + topic;
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        bench.cpuBefore();
        CamelContext context = new DefaultCamelContext();
        String uri = "kafka:" + topic + "?brokers=" + bench.brokers;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // only what it needs to see the messages: a known group and earliest (defaults: random group, latest)
                from(uri + "&groupId=" + group + "&autoOffsetReset=earliest").process(e -> {
                    int i = index(e.getMessage().getBody(byte[].class));
                    bench.work.on(i);
                    tracker.received(i);
                });
            }
        });
        context.start();
        bench.awaitAssigned(group);
        // the kafka: producer's AsyncProcessor from this one thread, up to 2,000 exchanges in flight
        PipelinedSender sender = new PipelinedSender(context.getEndpoint(uri), KafkaBenchmark.IN_FLIGHT);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                pace(start, i, rate);
            }
            Exchange exchange = sender.newExchange();
            exchange.getMessage().setHeader(KafkaConstants.KEY, key(i));
            exchange.getMessage().setBody(new String(body(i), StandardCharsets.US_ASCII)); // default StringSerializer
            tracker.sent(i);
            sender.send(exchange);
        }
        long failed = sender.drain();
        long produced = System.nanoTime();
        KafkaBenchmark.reportFailures(failed);
        tracker.await(180);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        bench.printCpu(n, rate);
        sender.close();
        context.close();
        return tracker.result(rate > 0 ? "camel-kafka paced " + rate + "/s" : "camel-kafka defaults", n, start,
                produced, end, peak, Threads.leftOver(before));
    }
}
