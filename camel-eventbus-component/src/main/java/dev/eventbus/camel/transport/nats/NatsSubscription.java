package dev.eventbus.camel.transport.nats;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a subscription group on a JetStream stream: one durable pull consumer per bound partition ({@code
 * <group>-p<k>} on subject {@code <topic>.<k>}, or {@code <group>} on subject {@code <topic>} when unpartitioned),
 * explicit acks, {@code MaxAckPending} = maxInFlight, AckWait from the endpoint.
 * <p>
 * jnats' simplified {@code consume()} pulls in batches on one dispatcher (a jnats thread) shared by the partitions and
 * re-pulls after reconnects; messages go to a local queue. The poll thread {@code eventbus-poll-<topic>-<group>-1}
 * takes an in-flight permit per message before it hands it to the consumer, and every AckWait/3 sends an in-progress
 * ack for each message that is queued, waiting or running, so a long-running event is not redelivered. Closing stops
 * the pulls and naks, in stream order, whatever was not acked, so the group's next member gets it at once.
 */
final class NatsSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSubscription.class);
    private static final long WAIT_MILLIS = 50;
    private static final int HANDOVER_BATCH = 256;

    private final NatsConnection connection;
    private final NatsSettings settings;
    private final SubscriptionSpec spec;
    private final DeliveryHandler handler;
    private final ThreadPools threads;
    private final String stream;
    private final InFlightLimit limit;
    private final LinkedBlockingQueue<NatsDelivery> received = new LinkedBlockingQueue<>();
    private final Set<NatsDelivery> live = ConcurrentHashMap.newKeySet();
    private final List<MessageConsumer> consumers = new ArrayList<>();
    private final long keepAliveNanos;
    private Dispatcher dispatcher;
    /** Poll thread only. */
    private long lastKeepAlive = System.nanoTime();
    private ExecutorService pool;
    private volatile boolean running;
    private volatile boolean intake = true;

    NatsSubscription(NatsConnection connection, NatsSettings settings, String stream, SubscriptionSpec spec,
                     DeliveryHandler handler, ThreadPools threads) {
        this.connection = connection;
        this.settings = settings;
        this.stream = stream;
        this.spec = spec;
        this.handler = handler;
        this.threads = threads;
        this.limit = spec.inFlight();
        this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(100, settings.ackWaitMillis() / 3));
    }

    /** The durable consumer name of {@code partition} for {@code groupId}. */
    static String durableName(String groupId, boolean partitioned, int partition) {
        String base = groupId.replaceAll("[^A-Za-z0-9_-]", "_");
        return partitioned ? base + "-p" + partition : base;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        intake = true;
        boolean partitioned = settings.partitions() > 0 && spec.topic().equals(settings.topic());
        int partitionCount = partitioned ? settings.partitions() : 0;
        int[] bound = partitioned ? settings.boundPartitions() : new int[] { 0 };
        dispatcher = connection.connection().createDispatcher();
        ConsumeOptions consumeOptions = ConsumeOptions.builder()
                .batchSize(Math.max(1, Math.min(500, limit.max())))
                .expiresIn(5000)
                .build();
        try {
            for (int partition : bound) {
                String durable = durableName(spec.groupId(), partitioned, partition);
                String subject = NatsStreams.subject(spec.topic(), partitionCount, partition);
                connection.management().addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                        .durable(durable)
                        .filterSubject(subject)
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All)
                        .ackWait(Duration.ofMillis(settings.ackWaitMillis()))
                        .maxAckPending(limit.max())
                        .maxDeliver(-1)
                        .build());
                ConsumerContext context = connection.connection().getConsumerContext(stream, durable);
                consumers.add(context.consume(consumeOptions, dispatcher,
                        message -> onMessage(new NatsDelivery(this, message, spec.topic(), partition))));
            }
        } catch (java.io.IOException | JetStreamApiException e) {
            close();
            throw new IllegalStateException("cannot create the JetStream consumer of group '" + spec.groupId()
                                            + "' on stream '" + stream + "' (" + settings.servers() + "): " + e.getMessage(), e);
        }
        pool = threads.newFixedPool("eventbus-poll-" + spec.topic() + "-" + spec.groupId(), 1);
        pool.execute(this::pollLoop);
        LOG.debug("Subscribed group {} to stream {} partitions {}", spec.groupId(), stream, java.util.Arrays.toString(bound));
    }

    /** On the jnats dispatcher thread: queue the message (the server bounds how many by MaxAckPending). */
    private void onMessage(NatsDelivery delivery) {
        live.add(delivery);
        if (!running) {
            delivery.nak();
            return;
        }
        received.add(delivery);
    }

    private void pollLoop() {
        ArrayDeque<NatsDelivery> backlog = new ArrayDeque<>();
        List<NatsDelivery> drained = new ArrayList<>(HANDOVER_BATCH);
        try {
            while (running) {
                long now = System.nanoTime();
                if (now - lastKeepAlive >= keepAliveNanos) {
                    keepAlive(now);
                }
                if (!intake) {
                    TimeUnit.MILLISECONDS.sleep(WAIT_MILLIS);
                    continue;
                }
                if (backlog.isEmpty()) {
                    NatsDelivery first = received.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    backlog.add(first);
                    received.drainTo(drained, HANDOVER_BATCH - 1);
                    backlog.addAll(drained);
                    drained.clear();
                }
                int permits = limit.acquireUpTo(backlog.size(), WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (permits > 0 && (!running || !intake)) {
                    // intake stopped while we waited: a stopping consumer must not get more records
                    limit.release(permits);
                    continue;
                }
                for (int i = 0; i < permits; i++) {
                    NatsDelivery delivery = backlog.poll();
                    delivery.handedOut = true;
                    handler.onDelivery(delivery);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Poll loop of group {} on stream {} failed; unacked messages are redelivered after AckWait",
                    spec.groupId(), stream, e);
        }
    }

    /** Poll thread only. */
    private void keepAlive(long now) {
        lastKeepAlive = now;
        for (NatsDelivery delivery : live) {
            delivery.keepAlive(now, keepAliveNanos);
        }
    }

    /** Called when a delivery was acked or nak'ed (any thread). */
    void finished(NatsDelivery delivery) {
        live.remove(delivery);
        if (delivery.handedOut) {
            limit.release(1);
        }
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
    public synchronized void close() {
        running = false;
        intake = false;
        for (MessageConsumer consumer : consumers) {
            try {
                consumer.stop();
            } catch (RuntimeException e) {
                LOG.debug("Stopping a JetStream consumer failed: {}", e.toString());
            }
        }
        threads.shutdown(pool, 5000);
        pool = null;
        for (MessageConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (Exception e) {
                LOG.debug("Closing a JetStream consumer failed: {}", e.toString());
            }
        }
        consumers.clear();
        if (dispatcher != null) {
            try {
                connection.connection().closeDispatcher(dispatcher);
            } catch (RuntimeException e) {
                LOG.debug("Closing the dispatcher failed: {}", e.toString());
            }
            dispatcher = null;
        }
        // whatever is not acked goes back to the server, in stream order, for the group's next member
        List<NatsDelivery> unfinished = new ArrayList<>(live);
        unfinished.sort(Comparator.comparingInt(NatsDelivery::partition).thenComparingLong(NatsDelivery::position));
        unfinished.forEach(NatsDelivery::nak);
        received.clear();
    }
}
