package dev.eventbus.camel.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.eventbus.camel.consumer.Counters;
import dev.eventbus.camel.consumer.EventTimer;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.ThreadPools;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one consumer (route), tagged {@code topic}, {@code group}, {@code transport} and {@code route}:
 * {@code eventbus.consumer.events} by {@code outcome} (function counters over the pipeline's {@link Counters}, so
 * counting costs nothing extra per event), {@code eventbus.consumer.in.flight}, the lag gauges ({@link LagMeters}),
 * and the timers {@code eventbus.consumer.processing} (one route run) and {@code eventbus.consumer.event.age} (from the
 * envelope's timestamp until the event completed). Bound when the consumer starts, removed when it stops.
 * <p>
 * The timers are recorded on the lane threads ({@link EventTimer}); the gauges and counters are read by whoever
 * reads the registry.
 */
public final class ConsumerMeters implements EventTimer, AutoCloseable {

    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer processing;
    private final Timer age;
    private final LagMeters lag;
    private AutoCloseable clientMeters;

    private ConsumerMeters(MeterRegistry registry, Tags tags, Counters counters, IntSupplier inFlight,
            Supplier<SubscriptionStatus> status) {
        this.registry = registry;
        this.tags = tags;
        outcome("processed", counters, Counters::processed);
        outcome("duplicate", counters, Counters::duplicatesSkipped);
        outcome("stale", counters, Counters::staleSkipped);
        outcome("redelivered", counters, Counters::redeliveries);
        outcome("dead-lettered", counters, Counters::deadLettered);
        outcome("released", counters, Counters::released);
        outcome("resequenced", counters, Counters::resequenced);
        meters.add(Gauge.builder(MeterNames.CONSUMER_IN_FLIGHT, inFlight, IntSupplier::getAsInt)
                .description("Events buffered or in process (bounded by maxInFlight)")
                .baseUnit("events").tags(tags).strongReference(true).register(registry));
        processing = Timer.builder(MeterNames.CONSUMER_PROCESSING)
                .description("How long the route took for one event (each attempt)")
                .tags(tags).register(registry);
        age = Timer.builder(MeterNames.CONSUMER_EVENT_AGE)
                .description("Age of an event when it completed: from its envelope timestamp until it was processed, "
                        + "skipped or dead-lettered")
                .tags(tags).register(registry);
        meters.add(processing);
        meters.add(age);
        lag = new LagMeters(registry, tags, status);
    }

    /**
     * Registers the meters of one consumer in {@code registry} (an {@code io.micrometer.core.instrument.MeterRegistry}).
     *
     * @param inFlight the consumer's events buffered or in process, read when the gauge is read
     * @param status   the subscription's status (null when not subscribed), read when a lag gauge is read
     */
    public static ConsumerMeters bind(Object registry, String topic, String group, String transport, String route,
            Counters counters, IntSupplier inFlight, Supplier<SubscriptionStatus> status) {
        Tags tags = Tags.of("topic", topic, "group", group, "transport", transport, "route", route);
        return new ConsumerMeters((MeterRegistry) registry, tags, counters, inFlight, status);
    }

    private void outcome(String outcome, Counters counters, ToDoubleFunction<Counters> count) {
        meters.add(FunctionCounter.builder(MeterNames.CONSUMER_EVENTS, counters, count)
                .description("Events of the consumer by outcome").baseUnit("events")
                .tags(tags).tag("outcome", outcome).register(registry));
    }

    /**
     * Binds the subscription's broker client's own metrics (Kafka: {@code kafka.consumer.*} through Micrometer's
     * {@code KafkaClientMetrics}); does nothing for a client that offers none. Called once after the subscription
     * started, on the thread that starts the consumer.
     */
    public void bindClient(Object client, String route, ThreadPools pools) {
        clientMeters = KafkaClientMeters.bind(registry, client, Tags.of("route", route), pools);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void routeRan(long nanos) {
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void completed(Envelope envelope) {
        Instant timestamp = envelope.timestamp();
        if (timestamp != null) {
            // a producer clock ahead of ours would make it negative: count it as no age
            age.record(Math.max(0, System.currentTimeMillis() - timestamp.toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }

    /** Removes the consumer's meters from the registry (the consumer stopped). */
    @Override
    public void close() {
        if (clientMeters != null) {
            KafkaClientMeters.release(clientMeters);
            clientMeters = null;
        }
        lag.close();
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
