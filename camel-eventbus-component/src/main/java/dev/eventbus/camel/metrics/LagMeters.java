package dev.eventbus.camel.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The lag gauges of one consumer, from the subscription's {@link SubscriptionStatus} (no broker call: Kafka's own lag
 * metadata of the last fetch, NATS' pending count): {@code eventbus.consumer.lag}, the sum over the partitions this
 * member holds, and {@code eventbus.consumer.partition.lag} per partition (tag {@code partition}; a second name because
 * a registry such as Prometheus wants one set of tag keys per name). A status is taken at most every
 * {@value #REFRESH_MILLIS} ms, by whichever thread reads a gauge; that read also registers the gauges of newly
 * assigned partitions and removes those of partitions given away. NaN while the lag is unknown.
 */
final class LagMeters implements AutoCloseable {

    static final long REFRESH_MILLIS = 200;

    private final MeterRegistry registry;
    private final Tags tags;
    private final Supplier<SubscriptionStatus> status;
    private final Gauge total;
    private final Map<Integer, Gauge> partitions = new HashMap<>();
    private SubscriptionStatus last;
    private long takenNanos;
    private boolean closed;

    LagMeters(MeterRegistry registry, Tags tags, Supplier<SubscriptionStatus> status) {
        this.registry = registry;
        this.tags = tags;
        this.status = status;
        this.total = Gauge.builder(MeterNames.CONSUMER_LAG, this, LagMeters::total)
                .description("Records on the broker after the last one fetched, summed over the partitions this "
                        + "member holds (Kafka: the consumer's lag metadata; NATS: the consumer's pending count)")
                .baseUnit("records").tags(tags).strongReference(true).register(registry);
    }

    private double total() {
        SubscriptionStatus current = snapshot();
        long lag = current == null ? -1 : current.lag();
        return lag < 0 ? Double.NaN : lag;
    }

    private double partition(int partition) {
        SubscriptionStatus current = snapshot();
        if (current != null) {
            for (PartitionStatus p : current.partitions()) {
                if (p.partition() == partition) {
                    return p.lag() < 0 ? Double.NaN : p.lag();
                }
            }
        }
        return Double.NaN;
    }

    /** The subscription's status, taken again when the last one is older than the refresh interval. */
    private synchronized SubscriptionStatus snapshot() {
        long now = System.nanoTime();
        if (!closed && (last == null || now - takenNanos > REFRESH_MILLIS * 1_000_000)) {
            try {
                last = status.get();
            } catch (RuntimeException e) {
                // a transport that cannot tell (yet): the lag is unknown
                last = null;
            }
            takenNanos = now;
            follow(last);
        }
        return last;
    }

    /** Registers a gauge per partition this member holds now, removes those of the partitions it gave away. */
    private void follow(SubscriptionStatus current) {
        Map<Integer, PartitionStatus> held = new HashMap<>();
        if (current != null) {
            for (PartitionStatus p : current.partitions()) {
                held.put(p.partition(), p);
            }
        }
        for (Iterator<Map.Entry<Integer, Gauge>> it = partitions.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, Gauge> gauge = it.next();
            if (!held.containsKey(gauge.getKey())) {
                registry.remove(gauge.getValue());
                it.remove();
            }
        }
        for (Integer partition : held.keySet()) {
            partitions.computeIfAbsent(partition, p -> Gauge
                    .builder(MeterNames.CONSUMER_PARTITION_LAG, this, meters -> meters.partition(p))
                    .description("Records on the broker after the last one fetched, of one partition")
                    .baseUnit("records").tags(tags).tag("partition", Integer.toString(p))
                    .strongReference(true).register(registry));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        registry.remove(total);
        partitions.values().forEach(registry::remove);
        partitions.clear();
    }
}
