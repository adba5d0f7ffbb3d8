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
import java.util.concurrent.atomic.AtomicLong;

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
    private static final long MAX_BACKOFF_MILLIS = 5000;
    /**
     * A partition pauses when this many times maxInFlight records are pending behind its lowest unfinished one
     * (4,000 by default: kept in memory and, as a bit set of 500 bytes, in the commit metadata).
     */
    static final int STUCK_FACTOR = 4;

    private final KafkaSettings settings;
    private final SubscriptionSpec spec;
    private final DeliveryHandler handler;
    private final ThreadPools threads;
    private final InFlightLimit limit;
    private final int pollRecords;
    private final PartitionStates partitions = new PartitionStates();
    private final ConcurrentLinkedQueue<KafkaDelivery> completed = new ConcurrentLinkedQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Consumer<String, byte[]> consumer;
    private ExecutorService pool;
    private volatile boolean intake = true;
    private volatile boolean closing;
    private boolean paused;
    private long lastCommit = System.nanoTime();
    private final AtomicLong pollFailures = new AtomicLong();
    private int consecutiveFailures;
    private final LogLimiter errorLog = new LogLimiter(30_000);
    private final LogLimiter stuckLog = new LogLimiter(30_000);
    private KafkaCommits commits;

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
        start(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    /** Starts polling with {@code client} (tests pass a MockConsumer). */
    void start(Consumer<String, byte[]> client) {
        consumer = client;
        commits = new KafkaCommits(client, this, spec.groupId());
        consumer.subscribe(List.of(spec.topic()), this);
        pool = threads.newFixedPool("eventbus-poll-" + spec.topic() + "-" + spec.groupId(), 1);
        pool.execute(this::run);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    pollOnce();
                    consecutiveFailures = 0;
                } catch (WakeupException e) {
                    // close() woke the poll
                } catch (Throwable e) {
                    // anything, Errors included: a loop that ends leaves the group member alive but silent
                    if (closing) {
                        break;
                    }
                    pollFailures.incrementAndGet();
                    long backoff = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(consecutiveFailures++, 6));
                    if (errorLog.allow()) {
                        LOG.error("Polling Kafka topic {} (group {}) failed ({} failures so far); retrying in {} ms",
                                spec.topic(), spec.groupId(), pollFailures.get(), backoff, e);
                    }
                    sleep(backoff);
                }
            }
        } finally {
            try {
                drainCompleted();
                commits.commitSync(PartitionStates.dueOffsets(partitions.all(), commits.withMetadata()),
                        settings.timeoutMillis());
            } catch (RuntimeException e) {
                LOG.warn("Final commit of topic {} (group {}) failed; uncommitted records will be delivered again: {}",
                        spec.topic(), spec.groupId(), e.toString());
            } finally {
                partitions.revokeAll();
                consumer.close(Duration.ofMillis(settings.timeoutMillis()));
                ended.countDown();
            }
        }
    }

    private void pollOnce() {
        drainCompleted();
        commitIfDue();
        boolean pause = !intake || limit.available() < pollRecords;
        updatePauses(pause);
        paused = pause;
        ConsumerRecords<String, byte[]> records = consumer.poll(pause ? POLL_PAUSED : POLL_ACTIVE);
        if (records.isEmpty()) {
            return;
        }
        List<KafkaDelivery> deliveries = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
            PartitionState state = stateOf(partition, polled.get(0).offset());
            if (state == null || state.revoked) {
                continue; // revoked during this poll (the new owner reads it from the committed offset), or read again
            }
            for (ConsumerRecord<String, byte[]> record : polled) {
                if (state.skipCompletedEarlier(record.offset())) {
                    continue;
                }
                if (limit.tryAcquireUpTo(1) == 0) {
                    // not expected (this thread alone takes permits and polls no more than are free): read it again
                    consumer.seek(partition, record.offset());
                    break;
                }
                state.watermark.track(record.offset());
                state.outstanding++;
                deliveries.add(new KafkaDelivery(this, state, record));
            }
        }
        handOver(deliveries);
    }

    /**
     * Pauses every assigned partition while intake is stopped or permits are short; else pauses only the partitions
     * whose lowest unfinished record has {@link #STUCK_FACTOR} x maxInFlight records handed out after it (the
     * completed ones are kept in memory and in the commit metadata until it finishes), and resumes the others.
     */
    private void updatePauses(boolean pauseAll) {
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> wanted = pauseAll ? assignment : partitions.stuck(STUCK_FACTOR * limit.max());
        Set<TopicPartition> pausedNow = consumer.paused();
        List<TopicPartition> pause = wanted.stream().filter(p -> !pausedNow.contains(p)).toList();
        List<TopicPartition> resume = pausedNow.stream().filter(p -> !wanted.contains(p) && assignment.contains(p)).toList();
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            if (!pauseAll && stuckLog.allow()) {
                pause.forEach(p -> LOG.warn("Paused {} (group {}): its record at offset {} has not finished while {} "
                                            + "records after it were handed out; it resumes when that record finishes",
                        p, spec.groupId(), partitions.get(p).watermark.committable(), partitions.get(p).watermark.pending() - 1));
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /**
     * The state of an assigned partition; created here when the assignment callback could not (its committed offset or
     * position could not be read then), starting at the first polled record. When that fails again the partition is
     * read again from that record on the next poll: records are never skipped for want of a state.
     */
    private PartitionState stateOf(TopicPartition partition, long firstOffset) {
        PartitionState state = partitions.get(partition);
        if (state != null || !consumer.assignment().contains(partition)) {
            return state;
        }
        try {
            OffsetAndMetadata last = consumer.committed(Set.of(partition), Duration.ofMillis(settings.timeoutMillis()))
                    .get(partition);
            return partitions.assign(partition, firstOffset, last);
        } catch (RuntimeException e) {
            consumer.seek(partition, firstOffset);
            if (errorLog.allow()) {
                LOG.warn("Cannot read the committed offset of {} (group {}); reading it again from offset {}: {}",
                        partition, spec.groupId(), firstOffset, e.toString());
            }
            return null;
        }
    }

    /**
     * Hands the polled records to the handler. When it throws, which records it took is unknown: their partitions are
     * revoked locally (lanes skip what they did not start) and read again from their lowest unfinished record, and the
     * permits come back; completed records above it are skipped as completed earlier.
     */
    private void handOver(List<KafkaDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            handler.onDeliveries(deliveries);
        } catch (RuntimeException | Error e) {
            Set<PartitionState> states = new HashSet<>();
            deliveries.forEach(delivery -> states.add(delivery.state));
            states.forEach(state -> consumer.seek(state.partition, partitions.restart(state)));
            deliveries.forEach(KafkaDelivery::release);
            throw e;
        }
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
        Map<TopicPartition, OffsetAndMetadata> offsets = PartitionStates.dueOffsets(partitions.all(), commits.withMetadata());
        if (!offsets.isEmpty()) {
            commits.commitAsync(offsets);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (paused) {
            consumer.pause(assigned);
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned),
                    Duration.ofMillis(settings.timeoutMillis()));
            for (TopicPartition partition : assigned) {
                partitions.assign(partition, consumer.position(partition), committed.get(partition));
            }
        } catch (RuntimeException e) {
            // the partitions without a state get one when their first records arrive (stateOf)
            LOG.warn("Reading the committed offsets of {} (group {}) failed; retrying when their records arrive: {}",
                    assigned, spec.groupId(), e.toString());
        }
        LOG.debug("Assigned {} (group {})", assigned, spec.groupId());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        List<PartitionState> states = revoked.stream().map(partitions::get).filter(s -> s != null).toList();
        // lanes skip the records of these partitions that they did not start yet; those running still complete
        states.forEach(PartitionState::startDraining);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.revokeTimeoutMillis());
        while (states.stream().anyMatch(state -> state.outstanding > 0) && System.nanoTime() < deadline) {
            sleep(2);
            drainCompleted();
        }
        drainCompleted();
        states.stream().filter(state -> state.outstanding > 0).forEach(state -> LOG.warn(
                "{} records of {} still running after {} ms (revokeTimeout); releasing the partition anyway",
                state.outstanding, state.partition, settings.revokeTimeoutMillis()));
        Map<TopicPartition, OffsetAndMetadata> offsets = PartitionStates.dueOffsets(states, commits.withMetadata());
        try {
            commits.commitSync(offsets, settings.timeoutMillis());
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

    /** A commit of these partitions failed (poll thread): they are committed again at the next interval. */
    void commitFailed(Set<TopicPartition> failed) {
        partitions.commitFailed(failed);
    }

    /** Poll loop iterations that failed since start. */
    long pollFailures() {
        return pollFailures.get();
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
            if (!ended.await(2 * settings.timeoutMillis() + 5000, TimeUnit.MILLISECONDS)) {
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
