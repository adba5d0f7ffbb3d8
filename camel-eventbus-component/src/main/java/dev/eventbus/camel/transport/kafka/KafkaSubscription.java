package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka group member driven by one poll thread ({@code eventbus-poll-<topic>-<group>-1}), which alone touches the
 * KafkaConsumer. Records go to the handler (the keyed lanes) as they are polled and complete in any order; per
 * partition the poll thread commits only the offset below which every record completed (the Parallel Consumer
 * model), so a crash never skips an unfinished record; the commit's metadata names the records completed above it,
 * which the partition's next owner skips.
 * <ul>
 * <li>Backpressure: while fewer permits than one poll's worth of records are free, every assigned partition is
 * paused; the poll loop keeps running (heartbeats, commits) and resumes them when the lanes drained.</li>
 * <li>Rebalance: the records of revoked partitions are marked revoked (lanes skip the ones not started), the poll
 * thread waits (bounded) for those running, commits the watermark, and only then lets the partitions go.</li>
 * </ul>
 */
final class KafkaSubscription implements Subscription, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration POLL_ACTIVE = Duration.ofMillis(100);
    private static final Duration POLL_PAUSED = Duration.ofMillis(10);

    private final KafkaSettings settings;
    private final SubscriptionSpec spec;
    private final DeliveryHandler handler;
    private final ThreadPools threads;
    private final InFlightLimit limit;
    private final int pollRecords;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final ConcurrentLinkedQueue<KafkaDelivery> completed = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Consumer<String, byte[]> consumer;
    private ExecutorService pool;
    private volatile boolean intake = true;
    private volatile boolean closing;
    private boolean paused;
    private long lastCommit = System.nanoTime();

    KafkaSubscription(KafkaSettings settings, SubscriptionSpec spec, DeliveryHandler handler, ThreadPools threads) {
        this.settings = settings;
        this.spec = spec;
        this.handler = handler;
        this.threads = threads;
        this.limit = spec.inFlight();
        int configured = ((Number) settings.consumerProperties().getOrDefault(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500))
                .intValue();
        // a poll may take a quarter of the in-flight bound, so the next poll overlaps with the lanes' work
        this.pollRecords = Math.max(1, Math.min(configured, limit.max() / 4));
    }

    @Override
    public void start() {
        Map<String, Object> props = new HashMap<>(settings.consumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG,
                "eventbus-" + spec.topic() + "-" + spec.groupId() + "-" + CLIENT_IDS.incrementAndGet());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pollRecords);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(spec.topic()), this);
        pool = threads.newFixedPool("eventbus-poll-" + spec.topic() + "-" + spec.groupId(), 1);
        pool.execute(this::run);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // close() woke the poll
                } catch (RuntimeException e) {
                    if (closing) {
                        break;
                    }
                    LOG.error("Polling Kafka topic {} (group {}) failed; retrying in 1 s", spec.topic(), spec.groupId(), e);
                    sleep(1000);
                }
            }
        } finally {
            try {
                drainCompleted();
                commitSync(partitions.values());
            } catch (RuntimeException e) {
                LOG.warn("Final commit of topic {} (group {}) failed; uncommitted records will be delivered again: {}",
                        spec.topic(), spec.groupId(), e.toString());
            } finally {
                partitions.values().forEach(state -> state.revoked = true);
                partitions.clear();
                consumer.close(Duration.ofMillis(settings.timeoutMillis()));
                ended.countDown();
            }
        }
    }

    private void pollOnce() {
        drainCompleted();
        commitIfDue();
        boolean pause = !intake || limit.available() < pollRecords;
        if (pause) {
            consumer.pause(consumer.assignment());
        } else if (paused) {
            consumer.resume(consumer.paused());
        }
        paused = pause;
        ConsumerRecords<String, byte[]> records = consumer.poll(pause ? POLL_PAUSED : POLL_ACTIVE);
        if (records.isEmpty()) {
            return;
        }
        List<KafkaDelivery> deliveries = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            PartitionState state = partitions.get(partition);
            if (state == null || state.revoked) {
                continue; // revoked during this poll: the new owner reads it from the committed offset
            }
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (state.skipCompletedEarlier(record.offset())) {
                    continue;
                }
                if (limit.tryAcquireUpTo(1) == 0) {
                    // cannot happen while only this thread takes permits and it polls no more than are free
                    throw new IllegalStateException("no in-flight permit for a polled record");
                }
                state.watermark.track(record.offset());
                state.outstanding++;
                deliveries.add(new KafkaDelivery(this, state, record));
            }
        }
        handler.onDeliveries(deliveries);
    }

    /** Called by lanes (any thread) when a delivery was acked or released. */
    void completed(KafkaDelivery delivery) {
        limit.release(1);
        completed.add(delivery);
    }

    private void drainCompleted() {
        KafkaDelivery delivery;
        while ((delivery = completed.poll()) != null) {
            PartitionState state = delivery.state;
            state.outstanding--;
            if (delivery.processed && state.counts()) {
                state.complete(delivery.position());
            }
        }
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommit < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = dueOffsets(partitions.values());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    LOG.debug("Async commit of {} failed (a later commit covers it): {}", committed, failure.toString());
                }
            });
        }
    }

    private void commitSync(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = dueOffsets(states);
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, Duration.ofMillis(settings.timeoutMillis()));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> dueOffsets(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : states) {
            if (state.counts()) {
                OffsetAndMetadata offset = state.commitDue();
                if (offset != null) {
                    offsets.put(state.partition, offset);
                }
            }
        }
        return offsets;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
        for (TopicPartition partition : assigned) {
            long position = consumer.position(partition);
            OffsetAndMetadata last = committed.get(partition);
            Set<Long> completedEarlier = last != null && last.offset() == position
                    ? CompletedOffsets.decode(position, last.metadata()) : Set.of();
            partitions.put(partition, new PartitionState(partition, position, new HashSet<>(completedEarlier)));
        }
        if (paused) {
            consumer.pause(assigned);
        }
        LOG.debug("Assigned {} (group {})", assigned, spec.groupId());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<PartitionState> states = revoked.stream().map(partitions::get).filter(s -> s != null).toList();
        // lanes skip the records of these partitions that they did not start yet; those running still complete
        states.forEach(PartitionState::startDraining);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        while (states.stream().anyMatch(state -> state.outstanding > 0) && System.nanoTime() < deadline) {
            sleep(2);
            drainCompleted();
        }
        drainCompleted();
        states.stream().filter(state -> state.outstanding > 0).forEach(state -> LOG.warn(
                "{} records of {} still running after {} ms; releasing the partition anyway", state.outstanding,
                state.partition, settings.timeoutMillis()));
        Map<TopicPartition, OffsetAndMetadata> offsets = dueOffsets(states);
        try {
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets, Duration.ofMillis(settings.timeoutMillis()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Commit of revoked partitions {} failed; the new owner re-reads from the last commit: {}", revoked,
                    e.toString());
        } finally {
            states.forEach(PartitionState::release);
            revoked.forEach(partitions::remove);
            LOG.debug("Revoked {} (group {})", revoked, spec.groupId());
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // another member may own them already: do not commit
        for (TopicPartition partition : lost) {
            PartitionState state = partitions.remove(partition);
            if (state != null) {
                state.revoked = true;
            }
        }
        LOG.warn("Lost partitions {} (group {}); their unfinished records will be delivered again", lost, spec.groupId());
    }

    @Override
    public void stopIntake() {
        intake = false;
    }

    @Override
    public void resumeIntake() {
        intake = true;
    }

    @Override
    public void close() {
        if (consumer == null || closing) {
            return;
        }
        closing = true;
        consumer.wakeup();
        try {
            if (!ended.await(settings.timeoutMillis() + 5000, TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka poll thread of topic {} did not end in time", spec.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown(pool, 5000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
