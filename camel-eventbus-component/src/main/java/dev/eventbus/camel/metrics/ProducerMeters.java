package dev.eventbus.camel.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.PublisherStatus;
import dev.eventbus.camel.transport.ThreadPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one producer, tagged {@code topic} and {@code transport}: {@code eventbus.producer.publish}, a timer per
 * {@code outcome} ({@code success}, {@code failure}) of each publish (one exchange's events, from the call until the
 * transport accepted or refused them), recorded by a {@link Publisher} wrapped around the producer's; and the Kafka
 * producer's own {@code kafka.producer.*} metrics. Bound when the producer starts, removed when it stops.
 * <p>
 * A timer is recorded on the thread that completed the publish (the caller for the memory transport, a broker client
 * thread otherwise): a clock read and an atomic update, nothing that blocks.
 */
public final class ProducerMeters implements AutoCloseable {

    /** Producers of one topic (several routes send to it) share their timers: the last one to stop removes them. */
    private static final Map<Key, int[]> LEASES = new HashMap<>();

    private final MeterRegistry registry;
    private final Key key;
    private final Timer success;
    private final Timer failure;
    private AutoCloseable clientMeters;
    private boolean closed;

    private ProducerMeters(MeterRegistry registry, Key key) {
        this.registry = registry;
        this.key = key;
        Tags tags = Tags.of("topic", key.topic(), "transport", key.transport());
        this.success = timer(tags, "success");
        this.failure = timer(tags, "failure");
    }

    /** Registers the meters of one producer in {@code registry} (an {@code io.micrometer...MeterRegistry}). */
    public static ProducerMeters bind(Object registry, String topic, String transport) {
        Key key = new Key(registry, topic, transport);
        synchronized (LEASES) {
            LEASES.computeIfAbsent(key, k -> new int[1])[0]++;
            return new ProducerMeters((MeterRegistry) registry, key);
        }
    }

    private Timer timer(Tags tags, String outcome) {
        return Timer.builder(MeterNames.PRODUCER_PUBLISH)
                .description(
                        "How long a publish (one exchange's events) took until the broker acknowledged or refused it")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    /** Binds the Kafka producer's own metrics when {@code client} is one (once per shared producer and registry). */
    public void bindClient(Object client, ThreadPools pools) {
        clientMeters = KafkaClientMeters.bind(registry, client, Tags.empty(), pools);
    }

    /** {@code publisher}, timing each publish. */
    public Publisher timed(Publisher publisher) {
        return new TimedPublisher(publisher);
    }

    /** Removes the producer's meters unless another producer of the topic still uses them. */
    @Override
    public void close() {
        if (clientMeters != null) {
            KafkaClientMeters.release(clientMeters);
            clientMeters = null;
        }
        synchronized (LEASES) {
            if (closed) {
                return;
            }
            closed = true;
            int[] leases = LEASES.get(key);
            if (leases != null && --leases[0] > 0) {
                return;
            }
            LEASES.remove(key);
            registry.remove(success);
            registry.remove(failure);
        }
    }

    /** A topic's producer timers in a registry (by identity). */
    private record Key(Object registry, String topic, String transport) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.registry == registry && k.topic.equals(topic)
                    && k.transport.equals(transport);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(registry) * 31 + topic.hashCode() * 7 + transport.hashCode();
        }
    }

    private final class TimedPublisher implements Publisher {
        private final Publisher delegate;

        TimedPublisher(Publisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Void> publish(List<OutboundRecord> records) {
            return timed(System.nanoTime(), delegate.publish(records));
        }

        @Override
        public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
            return timed(System.nanoTime(), delegate.publish(records, deadlineNanos));
        }

        private CompletableFuture<Void> timed(long started, CompletableFuture<Void> sent) {
            if (sent.isDone()) {
                record(started, sent.isCompletedExceptionally());
            } else {
                sent.whenComplete((ignored, e) -> record(started, e != null));
            }
            return sent;
        }

        private void record(long started, boolean failed) {
            (failed ? failure : success).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean stopsAtFirstFailure() {
            return delegate.stopsAtFirstFailure();
        }

        @Override
        public Object client() {
            return delegate.client();
        }

        @Override
        public PublisherStatus status() {
            return delegate.status();
        }
    }
}
