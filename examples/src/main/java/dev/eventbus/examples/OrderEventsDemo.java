package dev.eventbus.examples;

import java.util.ArrayList;
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
import dev.eventbus.examples.bench.Profiler;
import dev.eventbus.routes.OrderProjection;
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
        System.out.printf("order-events demo: %,d events over %,d orders on the %s transport%s, topic %s%n",
                options.events(), options.aggregates(), options.transport(),
                options.brokers().isEmpty() ? "" : " at " + options.brokers(), options.topic());
        if (options.warmup() > 0) {
            System.out.printf("warm-up: %,d events (not measured)%n", options.warmup());
            run(options.withEvents(options.warmup()), false);
        }
        Profiler profiler = Profiler.start(options.profile());
        DemoResult result = run(options, true);
        if (profiler != null) {
            profiler.stop();
        }
        System.out.println(result.summary(options));
        Charts.write(options.charts(), options.transport() + "-demo",
                String.format("order-events demo, %s transport, %,d events, %d lanes", options.transport(),
                        options.events(), options.concurrency()),
                List.of(result.chartRow(options)));
        System.exit(result.clean() ? 0 : 1);
    }

    static DemoResult run(DemoOptions options, boolean progress) throws Exception {
        int threadsBefore = Thread.activeCount();
        long heapBefore = Memory.heapAfterGc();
        CamelContext context = new DefaultCamelContext();
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
        template.stop();
        context.stop();
        return new DemoResult(total, publishedAt - start, consumedAt - start, projection, stats, peakThreads,
                Threads.eventbus(), Thread.activeCount() - threadsBefore, figures);
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
