package dev.eventbus.examples.bench;

import java.util.Set;

import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.examples.bench.BenchSupport.PipelinedSender;
import dev.eventbus.examples.bench.BenchSupport.Result;
import dev.eventbus.examples.bench.BenchSupport.Threads;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import static dev.eventbus.examples.bench.BenchSupport.index;
import static dev.eventbus.examples.bench.BenchSupport.key;

/**
 * The eventbus row of {@link KafkaBenchmark}: the {@code eventbus:} producer's AsyncProcessor called from the
 * benchmark's main thread with up to 2,000 events in flight (batches of {@code -Dbench.batch}, single events when
 * paced), and an {@code eventbus:} route with default concurrency whose processor does the run's {@link Work}.
 */
final class EventbusKafkaRow {

    private final KafkaBenchmark bench;

    EventbusKafkaRow(KafkaBenchmark bench) {
        this.bench = bench;
    }

    /** One run of {@code n} messages, unpaced when {@code rate} is 0. */
    Result run(int n, int rate) throws Exception {
        String topic = bench.newTopic("eventbus");
        String group = "bench-" + topic;
        Tracker tracker = new Tracker(n);
        Set<Thread> before = Threads.snapshot();
        Threads.resetPeak();
        bench.cpuBefore();
        CamelContext context = new DefaultCamelContext();
        ExchangeFactories.apply(context);
        String common = "transport=kafka&brokers=" + bench.brokers;
        if (!bench.producerOnly) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + topic + "?" + common + "&groupId=" + group + KafkaBenchmark.CONSUMER_OPTIONS)
                            .process(e -> {
                                String key = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
                                long version = e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
                                int i = index(key, version);
                                bench.work.on(i);
                                tracker.received(i);
                            });
                }
            });
        }
        context.start();
        if (!bench.producerOnly) {
            bench.awaitAssigned(group);
        }
        // as many records in flight as camel-kafka gets: 8 batches of 250 events, or 2,000 single events when paced
        int batch = rate > 0 ? 1 : KafkaBenchmark.EVENTBUS_BATCH;
        PipelinedSender sender = new PipelinedSender(context.getEndpoint("eventbus:" + topic + "?" + common),
                KafkaBenchmark.IN_FLIGHT / batch);
        long start = sender.sendEvents(tracker, n, rate, batch);
        long failed = sender.drain();
        long produced = System.nanoTime();
        KafkaBenchmark.reportFailures(failed);
        if (bench.producerOnly) {
            int peak = Threads.peak();
            bench.printCpu(n, rate);
            sender.close();
            context.close();
            return KafkaBenchmark.producerOnlyResult("eventbus producer only", n, start, produced, failed, peak,
                    before);
        }
        tracker.await(120);
        long end = tracker.lastNanos();
        int peak = Threads.peak();
        bench.printCpu(n, rate);
        sender.close();
        context.close();
        return tracker.result(rate > 0 ? "eventbus paced " + rate + "/s" : "eventbus", n, start, produced, end, peak,
                Threads.leftOver(before));
    }
}
