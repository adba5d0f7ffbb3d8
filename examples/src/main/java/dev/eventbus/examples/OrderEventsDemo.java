package dev.eventbus.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.TransportType;
import dev.eventbus.examples.bench.Charts;
import dev.eventbus.examples.bench.ExchangeFactories;
import dev.eventbus.examples.bench.Profiler;
import dev.eventbus.routes.OrderProjection;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The order-events demo and benchmark: publishes N events over M orders through the YAML routes of {@code routes/}
 * (memory, Kafka or NATS transport, envelope codec, keyed lanes) and prints throughput, lag percentiles, lost / duplicate / out of
 * order counts and threads left after the CamelContext stopped.
 */
public final class OrderEventsDemo {

    private OrderEventsDemo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf(
                "order-events demo: %,d events over %,d orders on the %s transport%s, topic %s, %s exchange factory%n",
                options.events(), options.aggregates(), options.transport(),
                options.brokers().isEmpty() ? "" : " at " + options.brokers(), options.topic(), ExchangeFactories.KIND);
        if (options.warmup() > 0) {
            System.out.printf("warm-up: %,d events (not measured)%n", options.warmup());
            run(options.withEvents(options.warmup()), false);
        }
        if ("both".equals(options.metrics())) {
            System.exit(compare(options) ? 0 : 1);
            return;
        }
        SimpleMeterRegistry registry = "true".equals(options.metrics()) ? new SimpleMeterRegistry() : null;
        Profiler profiler = Profiler.start(options.profile());
        DemoResult result = run(options, true, registry);
        if (profiler != null) {
            profiler.stop();
        }
        System.out.println(result.summary(options));
        System.out.println(result.meters());
        Charts.write(options.charts(), options.transport() + "-demo",
                String.format("order-events demo, %s transport, %,d events, %d lanes", options.transport(),
                        options.events(), options.concurrency()),
                List.of(result.chartRow(options)));
        System.exit(result.clean() ? 0 : 1);
    }

    /**
     * The measured run without and with a MeterRegistry, alternating (which goes first changes every round),
     * {@code rounds} times each, in this JVM after the one warm-up: the overhead of the meters on end-to-end
     * throughput.
     */
    private static boolean compare(DemoOptions options) throws Exception {
        boolean clean = true;
        List<String> rows = new ArrayList<>();
        String lastMeters = "";
        for (int round = 1; round <= options.rounds(); round++) {
            // the order changes every round, so neither setting always runs on the warmer JVM
            for (boolean metered : round % 2 == 1 ? new boolean[]{false, true} : new boolean[]{true, false}) {
                SimpleMeterRegistry registry = metered ? new SimpleMeterRegistry() : null;
                DemoResult result = run(options.withTopic("-" + round + (metered ? "-metered" : "")), false,
                        registry);
                clean &= result.clean();
                rows.add(String.format("round %d  %-8s  %,12.0f events/s end to end  %,12.0f events/s publish  %s",
                        round, metered ? "metrics" : "none", result.endToEndPerSecond(),
                        result.publishPerSecond(), result.clean() ? "OK" : "NOT OK"));
                System.out.println(rows.get(rows.size() - 1));
                lastMeters = metered ? result.meters() : lastMeters;
            }
        }
        System.out.printf("%n== meters overhead (%s transport, %,d events, %d lanes) ==%n", options.transport(),
                options.events(), options.concurrency());
        rows.forEach(System.out::println);
        System.out.println(lastMeters);
        return clean;
    }

    /** The eventbus meters of the registry, one per line. */
    private static String meters(SimpleMeterRegistry registry) {
        StringBuilder text = new StringBuilder("\n== meters (Micrometer SimpleMeterRegistry) ==\n");
        registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName())
                        .thenComparing(m -> m.getId().getTags().toString()))
                .filter(m -> m.getId().getName().startsWith("eventbus.") || m.getId().getName().startsWith("kafka."))
                .forEach(m -> {
                    text.append(m.getId().getName());
                    m.getId().getTags().forEach(t -> text.append(' ').append(t.getKey()).append('=')
                            .append(t.getValue()));
                    text.append(" :");
                    m.measure().forEach(s -> text.append(' ').append(s.getStatistic().getTagValueRepresentation())
                            .append('=').append(String.format("%.6g", s.getValue())));
                    text.append('\n');
                });
        return text.toString();
    }

    static DemoResult run(DemoOptions options, boolean progress) throws Exception {
        return run(options, progress, null);
    }

    /** One run; with a registry, it is bound in the Camel registry, where the component finds it. */
    static DemoResult run(DemoOptions options, boolean progress, MeterRegistry registry) throws Exception {
        int threadsBefore = Thread.activeCount();
        long heapBefore = Memory.heapAfterGc();
        CamelContext context = new DefaultCamelContext();
        ExchangeFactories.apply(context);
        if (registry != null) {
            context.getRegistry().bind("meterRegistry", registry);
        }
        Properties properties = new Properties();
        properties.setProperty("orders.concurrency", Integer.toString(options.concurrency()));
        properties.setProperty("orders.maxInFlight", "4000");
        properties.setProperty("orders.topic", options.topic());
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addComponent("eventbus", component(options));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:camel/order-events.yaml"));
        context.start();
        OrderProjection projection = context.getRegistry().lookupByNameAndType("orderProjection",
                OrderProjection.class);
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("project-order-events").getConsumer();
        ProducerTemplate template = context.createProducerTemplate();
        Progress meter = new Progress(options.events(), projection, progress);

        int total = 0;
        for (int p = 0; p < options.publishers(); p++) {
            total += EventPublisher.share(options, p);
        }
        AtomicInteger published = new AtomicInteger();
        ExecutorService publishers = context.getExecutorServiceManager()
                .newFixedThreadPool(OrderEventsDemo.class, "demo-publisher", options.publishers());
        Memory memory = Memory.startCounting();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < options.publishers(); p++) {
            running.add(publishers.submit(new EventPublisher(options, p, template, published, start)));
        }
        for (Future<?> publisher : running) {
            while (!isDone(publisher)) {
                meter.tick(published.get());
            }
        }
        memory.sample(); // the publishers' allocation, before their threads end
        context.getExecutorServiceManager().shutdown(publishers);
        long publishedAt = System.nanoTime();
        long deadline = publishedAt + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        while (projection.applied() + projection.replayed() < total && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
            meter.tick(total);
        }
        long consumedAt = System.nanoTime();
        memory.sample();
        long[] allocated = memory.allocated();
        Memory.Figures figures = new Memory.Figures(heapBefore, Memory.heapAfterGc(), allocated[0], allocated[1]);
        int peakThreads = Math.max(meter.peakEventbusThreads(), Threads.eventbus().size());
        String stats = consumer.getStats().toString();
        // read before the stop: a stopped consumer's meters are removed from the registry
        String meters = registry instanceof SimpleMeterRegistry simple ? meters(simple) : "";
        template.stop();
        context.stop();
        return new DemoResult(total, publishedAt - start, consumedAt - start, projection, stats, peakThreads,
                Threads.eventbus(), Thread.activeCount() - threadsBefore, meters, figures);
    }

    /** The eventbus component for the chosen transport (camel-main would take camel.component.eventbus.* instead). */
    private static EventBusComponent component(DemoOptions options) {
        EventBusComponent component = new EventBusComponent();
        component.getConfiguration().setTransport(TransportType.valueOf(options.transport()));
        if ("kafka".equals(options.transport())) {
            component.getConfiguration().setBrokers(options.brokers());
        } else if ("nats".equals(options.transport())) {
            component.getConfiguration().setServers(options.brokers());
        }
        return component;
    }

    private static boolean isDone(Future<?> publisher) throws Exception {
        try {
            publisher.get(5, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
