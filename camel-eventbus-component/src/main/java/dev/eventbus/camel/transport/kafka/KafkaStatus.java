package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Kafka subscription's poll thread last saw of its partitions and connection, for
 * {@link KafkaSubscription#status()}. The poll thread refreshes it at most every 100 ms from the consumer's own
 * metadata (position, lag, paused set, the {@code connection-count} metric), and while partitions are paused their end
 * offsets every 5 s (one bounded broker call). Any thread reads it.
 */
final class KafkaStatus {

    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often the end offsets of paused partitions are asked for (a broker call, bounded by END_OFFSETS_TIMEOUT). */
    private static final long END_OFFSETS_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStatus.class);

    private final String servers;
    private volatile List<PartitionStatus> partitions = List.of();
    private volatile boolean connected = true;
    private volatile long unassignedSince = System.currentTimeMillis();
    private long lastRefresh = System.nanoTime() - REFRESH_NANOS;
    /** The consumer's {@code consumer-metrics connection-count} metric; looked up once. Poll thread only. */
    private Metric connectionCount;
    private boolean looked;
    /** The end offsets of paused partitions as last asked for. Poll thread only. */
    private Map<TopicPartition, Long> pausedEnds = Map.of();
    private long lastEndOffsets = System.nanoTime() - END_OFFSETS_NANOS;

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
        refreshPausedEnds(consumer, paused, now);
        List<PartitionStatus> snapshot = new ArrayList<>(assignment.size());
        for (TopicPartition partition : assignment) {
            PartitionState state = states.get(partition);
            long lag = consumer.currentLag(partition).orElse(-1);
            Long end = paused.contains(partition) ? pausedEnds.get(partition) : null;
            if (end != null && state != null) {
                // a paused partition is not fetched, so the lag metadata stops at its last fetch
                lag = Math.max(lag, end - state.watermark.next());
            }
            snapshot.add(new PartitionStatus(partition.partition(), state == null ? -1 : state.committed,
                    state == null ? -1 : state.watermark.committable(), lag, paused.contains(partition)));
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

    /**
     * Asks for the end offsets of the paused partitions every 5 s: a paused partition is not fetched, so the consumer's
     * own lag metadata would not grow with what is published meanwhile, the very time lag matters (backpressure). A
     * failure keeps the last answer.
     */
    private void refreshPausedEnds(Consumer<?, ?> consumer, Set<TopicPartition> paused, long now) {
        if (paused.isEmpty()) {
            pausedEnds = Map.of();
            return;
        }
        if (now - lastEndOffsets < END_OFFSETS_NANOS) {
            return;
        }
        lastEndOffsets = now;
        try {
            pausedEnds = Map.copyOf(consumer.endOffsets(paused, END_OFFSETS_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.debug("End offsets of paused partitions {} unknown: {}", paused, e.toString());
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
