package dev.eventbus.camel.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import dev.eventbus.camel.transport.ThreadPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds a Kafka client's own metrics ({@code kafka.consumer.*}, {@code kafka.producer.*}, tagged with its
 * {@code client.id}) through Micrometer's {@link KafkaClientMetrics}, once per client and registry: a producer shared
 * by several endpoints is bound by the first and unbound by the last that releases it. The binder looks for new client
 * metrics every minute on a timer thread of its own ({@code eventbus-kafka-metrics-1}, from Camel's
 * ExecutorServiceManager), which ends when the binding is released.
 */
final class KafkaClientMeters implements AutoCloseable {

    private static final Map<Key, KafkaClientMeters> BOUND = new HashMap<>();

    private final Key key;
    private final KafkaClientMetrics binder;
    private final ScheduledExecutorService timer;
    private final ThreadPools pools;
    private int leases;

    private KafkaClientMeters(Key key, KafkaClientMetrics binder, ScheduledExecutorService timer, ThreadPools pools) {
        this.key = key;
        this.binder = binder;
        this.timer = timer;
        this.pools = pools;
    }

    /**
     * Binds the metrics of {@code client} when it is a Kafka consumer or producer, else returns null.
     *
     * @param tags added to the client's metrics (never one of Kafka's own tag keys such as topic)
     */
    static synchronized AutoCloseable bind(MeterRegistry registry, Object client, Tags tags, ThreadPools pools) {
        if (!(client instanceof Consumer<?, ?>) && !(client instanceof Producer<?, ?>)) {
            return null;
        }
        Key key = new Key(registry, client);
        KafkaClientMeters bound = BOUND.get(key);
        if (bound == null) {
            ScheduledExecutorService timer = pools.newTimer("eventbus-kafka-metrics");
            KafkaClientMetrics binder = client instanceof Consumer<?, ?> consumer
                    ? new KafkaClientMetrics(consumer, tags, timer)
                    : new KafkaClientMetrics((Producer<?, ?>) client, tags, timer);
            binder.bindTo(registry);
            bound = new KafkaClientMeters(key, binder, timer, pools);
            BOUND.put(key, bound);
        }
        bound.leases++;
        return bound;
    }

    /** Gives back a binding from {@link #bind}; the last one removes the client's meters and ends the timer. */
    static void release(AutoCloseable binding) {
        if (binding instanceof KafkaClientMeters meters) {
            meters.close();
        }
    }

    @Override
    public void close() {
        synchronized (KafkaClientMeters.class) {
            if (--leases > 0) {
                return;
            }
            BOUND.remove(key);
        }
        pools.shutdown(timer, 1_000);
        binder.close();
    }

    /** A client in a registry, by identity. */
    private record Key(MeterRegistry registry, Object client) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.registry == registry && k.client == client;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(registry) * 31 + System.identityHashCode(client);
        }
    }
}
