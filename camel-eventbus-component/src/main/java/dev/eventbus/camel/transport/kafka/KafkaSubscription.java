package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.RateLimitedLog;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionLifecycle;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.ThreadPools;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
 * <li>Rebalance: see {@link KafkaRebalance}.</li>
 * <li>Stuck record: a partition whose lowest unfinished record has {@link KafkaPauses#STUCK_FACTOR} x maxInFlight records
 * handed out after it pauses until that record finishes.</li>
 * <li>Failures: nothing ends the poll loop; see {@link #run()}, {@link KafkaCommits}.</li>
 * </ul>
 */
final class KafkaSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final KafkaSettings settings;
    private final KafkaClientFactory clientFactory;
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
    final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle();
    private final KafkaStatus status;
    private final KafkaPauses pauses;
    /** Whether every partition is paused (backpressure or stopped intake); assigned partitions start paused then. */
    boolean paused;
    private final AtomicLong pollFailures = new AtomicLong();
    private volatile int consecutiveFailures;
    private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 30_000);
    private volatile KafkaCommits commits;
    private KafkaRebalance rebalance;

    /** A subscription whose consumer comes from camel-kafka's default factory (tests start it with a MockConsumer). */
    KafkaSubscription(KafkaSettings settings, SubscriptionSpec spec, DeliveryHandler handler, ThreadPools threads) {
        this(settings, KafkaTransportFactory.DEFAULT_CLIENT_FACTORY, spec, handler, threads);
    }

    KafkaSubscription(KafkaSettings settings, KafkaClientFactory clientFactory, SubscriptionSpec spec,
            DeliveryHandler handler, ThreadPools threads) {
        this.settings = settings;
        this.clientFactory = clientFactory;
        this.spec = spec;
        this.handler = handler;
        this.threads = threads;
        this.limit = spec.inFlight();
        int configured = ((Number) settings.consumerProperties().getOrDefault(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                500))
                .intValue();
        // a poll may take a quarter of the in-flight bound, so the next poll overlaps with the lanes' work
        this.pollRecords = Math.max(1, Math.min(configured, limit.max() / 4));
        this.status = new KafkaStatus(settings.bootstrapServers());
        this.pauses = new KafkaPauses(partitions, limit, spec.groupId());
    }

    @Override
    public void start() {
        String clientId = "eventbus-" + spec.topic() + "-" + spec.groupId() + "-" + CLIENT_IDS.incrementAndGet();
        @SuppressWarnings("unchecked")
        Consumer<String, byte[]> client = (Consumer<String, byte[]>) clientFactory
                .getConsumer(settings.consumerProperties(spec.groupId(), clientId, pollRecords));
        start(client);
    }

    /** Starts polling with {@code client} (tests pass a MockConsumer). */
    void start(Consumer<String, byte[]> client) {
        if (!lifecycle.start()) {
            throw new IllegalStateException("subscription to " + spec.topic() + " is " + lifecycle);
        }
        consumer = client;
        commits = new KafkaCommits(client, partitions, spec.groupId());
        rebalance = new KafkaRebalance(this, client, partitions, commits, settings, spec.groupId());
        consumer.subscribe(List.of(spec.topic()), rebalance);
        pool = threads.newFixedPool("eventbus-poll-" + spec.topic() + "-" + spec.groupId(), 1);
        pool.execute(this::run);
    }

    private void run() {
        try {
            while (lifecycle.isActive()) {
                try {
                    pollOnce();
                    consecutiveFailures = 0;
                } catch (WakeupException e) {
                    // close() woke the poll
                } catch (Throwable e) {
                    // anything, Errors included: a loop that ends leaves the group member alive but silent
                    if (!lifecycle.isActive()) {
                        break;
                    }
                    pollFailures.incrementAndGet();
                    long backoff = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(consecutiveFailures++, 6));
                    errorLog.error("Polling Kafka topic {} (group {}) failed ({} failures so far); retrying in {} ms",
                            spec.topic(), spec.groupId(), pollFailures.get(), backoff, e);
                    sleep(backoff);
                }
            }
        } finally {
            try {
                drainCompleted();
                commits.commitAll(settings.timeoutMillis());
            } catch (RuntimeException e) {
                LOG.warn("Final commit of topic {} (group {}) failed; uncommitted records will be delivered again: {}",
                        spec.topic(), spec.groupId(), e.toString());
            } finally {
                partitions.revokeAll();
                consumer.close(Duration.ofMillis(settings.timeoutMillis()));
                lifecycle.closed();
                ended.countDown();
            }
        }
    }

    private void pollOnce() {
        drainCompleted();
        commits.commitIfDue();
        Duration timeout = pauses.beforePoll(consumer, lifecycle.takesRecords(), pollRecords, this::drainCompleted);
        paused = timeout != KafkaPauses.POLL_ACTIVE;
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        status.refresh(consumer, partitions, false);
        if (records.isEmpty()) {
            return;
        }
        List<KafkaDelivery> deliveries = new ArrayList<>(records.count());
        try {
            for (TopicPartition partition : records.partitions()) {
                take(partition, records.records(partition), deliveries);
            }
        } catch (RuntimeException | Error e) {
            readAgain(records, deliveries);
            throw e;
        }
        try {
            handler.onDeliveries(deliveries);
        } catch (RuntimeException | Error e) {
            // which records the handler took is unknown
            readAgain(records, deliveries);
            throw e;
        }
    }

    /** Takes a permit for, tracks and wraps each polled record of {@code partition}. */
    private void take(TopicPartition partition, List<ConsumerRecord<String, byte[]>> polled,
            List<KafkaDelivery> deliveries) {
        PartitionState state = rebalance.stateOf(partition, polled.get(0).offset());
        if (state == null || state.revoked) {
            return; // revoked during this poll (the new owner reads it from the committed offset), or read again
        }
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (record.offset() < state.watermark.next()) {
                continue; // handed out already (the position went back)
            }
            if (state.skipCompletedEarlier(record.offset())) {
                continue;
            }
            if (limit.tryAcquireUpTo(1) == 0) {
                // not expected (this thread alone takes permits and polls no more than are free): read it again
                consumer.seek(partition, record.offset());
                return;
            }
            state.watermark.track(record.offset());
            state.outstanding++;
            deliveries.add(new KafkaDelivery(this, state, record));
        }
    }

    /**
     * A poll's records could not all be handed over: those taken give back their permits, and each partition is
     * revoked locally (lanes skip its records not started) and read again from its lowest unfinished record, skipping
     * the completed ones above it.
     */
    private void readAgain(ConsumerRecords<String, byte[]> polled, List<KafkaDelivery> deliveries) {
        try {
            for (TopicPartition partition : polled.partitions()) {
                PartitionState state = partitions.get(partition);
                if (state == null) {
                    // no state yet (it could not be created): read the partition again from this poll's first record
                    consumer.seek(partition, polled.records(partition).get(0).offset());
                } else if (!state.revoked) {
                    consumer.seek(partition, partitions.restart(state));
                }
            }
        } finally {
            deliveries.forEach(KafkaDelivery::release);
        }
    }

    /** Called by lanes (any thread) when a delivery was completed or released. */
    void settled(KafkaDelivery delivery) {
        limit.release(1);
        completed.add(delivery);
    }

    /** Poll thread: applies the completions the lanes reported. */
    void drainCompleted() {
        KafkaDelivery delivery;
        while ((delivery = completed.poll()) != null) {
            PartitionState state = delivery.state;
            state.outstanding--;
            if (delivery.processed && state.counts()) {
                state.complete(delivery.offset());
            }
        }
    }

    /** Poll loop iterations that failed since start (each logged, rate-limited, and retried with backoff). */
    /** The KafkaConsumer, for binding its metrics ({@code metrics()} is safe from any thread); null before start. */
    @Override
    public Object client() {
        return consumer;
    }

    @Override
    public long pollFailures() {
        return pollFailures.get();
    }

    /** Commits that failed since start (each retried; uncommitted records are delivered again after a crash). */
    @Override
    public long completionFailures() {
        KafkaCommits current = commits;
        return current == null ? 0 : current.failures();
    }

    @Override
    public SubscriptionStatus status() {
        return status.status(lifecycle.state(), consecutiveFailures);
    }

    @Override
    public void pause() {
        lifecycle.pause();
    }

    @Override
    public void resume() {
        lifecycle.resume();
    }

    @Override
    public void close() {
        if (!lifecycle.close() || consumer == null) {
            return;
        }
        consumer.wakeup();
        try {
            if (!ended.await(settings.revokeTimeoutMillis() + 2 * settings.timeoutMillis() + 5000,
                    TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka poll thread of topic {} did not end in time", spec.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.shutdown(pool, 5000);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
