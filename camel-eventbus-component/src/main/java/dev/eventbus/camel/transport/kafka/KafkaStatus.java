package dev.eventbus.camel.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What a Kafka subscription's poll thread last saw of its partitions and connection, for
 * {@link KafkaSubscription#status()}. The poll thread refreshes it at most every 100 ms from the consumer's own
 * metadata (position, lag, paused set, the {@code connection-count} metric): no broker call. Any thread reads it.
 */
final class KafkaStatus {

    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String servers;
    private volatile List<PartitionStatus> partitions = List.of();
    private volatile boolean connected = true;
    private volatile long unassignedSince = System.currentTimeMillis();
    private long lastRefresh = System.nanoTime() - REFRESH_NANOS;
    /** The consumer's {@code consumer-metrics connection-count} metric; looked up once. Poll thread only. */
    private Metric connectionCount;
    private boolean looked;

    KafkaStatus(String servers) {
        this.servers = servers;
    }

    /** Poll thread: takes a new snapshot when the last one is older than 100 ms (or {@code force}). */
    void refresh(Consumer<?, ?> consumer, PartitionStates states, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = now;
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> paused = consumer.paused();
        List<PartitionStatus> snapshot = new ArrayList<>(assignment.size());
        for (TopicPartition partition : assignment) {
            PartitionState state = states.get(partition);
            OptionalLong lag = consumer.currentLag(partition);
            snapshot.add(new PartitionStatus(partition.partition(), state == null ? -1 : state.committed,
                    state == null ? -1 : state.watermark.committable(), lag.orElse(-1), paused.contains(partition)));
        }
        snapshot.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        partitions = snapshot;
        if (assignment.isEmpty()) {
            if (unassignedSince == 0) {
                unassignedSince = System.currentTimeMillis();
            }
        } else {
            unassignedSince = 0;
        }
        Metric connections = connections(consumer);
        if (connections != null && connections.metricValue() instanceof Number count) {
            connected = count.doubleValue() > 0;
        }
    }

    /** Any thread. */
    SubscriptionStatus status(SubscriptionState state, long consecutivePollFailures) {
        boolean active = state.isActive();
        return new SubscriptionStatus(state, connected && consecutivePollFailures == 0, servers,
                consecutivePollFailures, active ? unassignedSince : 0, active ? partitions : List.of());
    }

    private Metric connections(Consumer<?, ?> consumer) {
        if (!looked) {
            looked = true;
            for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
                if (metric.getKey().name().equals("connection-count")
                        && metric.getKey().group().equals("consumer-metrics")) {
                    connectionCount = metric.getValue();
                }
            }
        }
        return connectionCount;
    }
}
