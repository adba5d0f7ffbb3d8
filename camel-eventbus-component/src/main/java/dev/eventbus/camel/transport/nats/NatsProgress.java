package dev.eventbus.camel.transport.nats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.eventbus.camel.transport.PartitionStatus;
import io.nats.client.api.ConsumerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per bound partition of a subscription: the committed offset (the durable's ack floor plus one: where the group
 * resumes) and the lag (messages the server has not delivered yet). The pending count comes with every received
 * message's metadata; every 5 s the poll thread asks the server for each durable's info (one small call per
 * partition, skipped while disconnected), so the ack floor moves and the lag keeps growing while nothing is delivered
 * (a paused subscription). Any thread reads it.
 */
final class NatsProgress {

    private static final Logger LOG = LoggerFactory.getLogger(NatsProgress.class);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final NatsDurables durables;
    private volatile List<NatsDurables.Bound> bound = List.of();
    private volatile AtomicLongArray committed = new AtomicLongArray(1);
    private volatile AtomicLongArray pending = new AtomicLongArray(1);
    /** Poll thread only. */
    private long lastRefresh = System.nanoTime();

    NatsProgress(NatsDurables durables) {
        this.durables = durables;
    }

    /** Start: the durables bound, with the ack floor their creation returned. */
    void bind(List<NatsDurables.Bound> durables) {
        int size = durables.stream().mapToInt(NatsDurables.Bound::partition).max().orElse(0) + 1;
        AtomicLongArray floors = new AtomicLongArray(size);
        AtomicLongArray lags = new AtomicLongArray(size);
        for (NatsDurables.Bound durable : durables) {
            floors.set(durable.partition(), durable.ackFloor() + 1);
            lags.set(durable.partition(), durable.pending());
        }
        committed = floors;
        pending = lags;
        bound = List.copyOf(durables);
    }

    /** Dispatcher thread: the pending count a received message's metadata carried. */
    void received(int partition, long pendingCount) {
        AtomicLongArray lags = pending;
        if (partition < lags.length()) {
            lags.set(partition, pendingCount);
        }
    }

    /** Poll thread: asks for the durables' info when the last answer is 5 s old. */
    void refreshIfDue(long nowNanos) {
        if (nowNanos - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = nowNanos;
        for (NatsDurables.Bound durable : bound) {
            try {
                ConsumerInfo info = durables.info(durable.name());
                committed.set(durable.partition(), info.getAckFloor().getStreamSequence() + 1);
                pending.set(durable.partition(), info.getNumPending());
            } catch (Exception e) {
                LOG.debug("Progress of durable {} unknown: {}", durable.name(), e.toString());
                return;
            }
        }
    }

    /** Any thread: one status per bound partition; the completed offset is the committed one (NATS acks each). */
    List<PartitionStatus> partitions(boolean paused) {
        List<PartitionStatus> partitions = new ArrayList<>();
        for (NatsDurables.Bound durable : bound) {
            long floor = committed.get(durable.partition());
            partitions.add(new PartitionStatus(durable.partition(), floor, floor, pending.get(durable.partition()),
                    paused));
        }
        return partitions;
    }
}
