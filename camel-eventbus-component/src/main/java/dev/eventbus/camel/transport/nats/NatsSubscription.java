package dev.eventbus.camel.transport.nats;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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
import io.nats.client.api.ConsumerInfo;
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
 * the pulls and leaves whatever was not acked to be redelivered after AckWait; a member that binds while a durable has
 * such left-overs keeps everything back until they are in, then goes on in stream order ({@link RedeliveryBarrier}).
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
    /** Redelivery barriers by partition (poll thread only after start). */
    private final Map<Integer, Barrier> barriers = new HashMap<>();
    private long nextBarrierCheck;
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
                // pull requests expire well before an abandoned message's AckWait ends (see close)
                .expiresIn(Math.max(1000, Math.min(5000, settings.ackWaitMillis() / 2)))
                .build();
        try {
            for (int partition : bound) {
                String durable = durableName(spec.groupId(), partitioned, partition);
                String subject = NatsStreams.subject(spec.topic(), partitionCount, partition);
                ConsumerInfo info = connection.management().addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                        .durable(durable)
                        .filterSubject(subject)
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All)
                        .ackWait(Duration.ofMillis(settings.ackWaitMillis()))
                        // room beyond the local bound for held events the consumer deferred (nak with delay: the
                        // server still counts them as pending), so a version gap does not stall the durable
                        .maxAckPending(2 * limit.max())
                        .maxDeliver(-1)
                        .build());
                if (info.getNumAckPending() > 0 && info.getDelivered() != null) {
                    // a previous member left messages unacked: they come back; do not let later ones overtake them
                    barriers.put(partition, new Barrier(durable, new RedeliveryBarrier(
                            info.getDelivered().getStreamSequence(), info.getNumAckPending(),
                            TimeUnit.MILLISECONDS.toNanos(2 * settings.ackWaitMillis() + 5000))));
                    LOG.info("Group {} on stream {}: {} messages left unacked by a previous member; messages wait "
                             + "until they are redelivered, then go on in stream order", spec.groupId(), stream, info.getNumAckPending());
                }
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

    /**
     * On the jnats dispatcher thread: queue the message (the server bounds how many by MaxAckPending). One arriving
     * while closing is only remembered (and left unacked by close).
     */
    private void onMessage(NatsDelivery delivery) {
        live.add(delivery);
        if (running) {
            received.add(delivery);
        }
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
                if (!barriers.isEmpty() && backlog.isEmpty()) {
                    checkBarriers(backlog);
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
                if (!barriers.isEmpty()) {
                    checkBarriers(backlog);
                    if (backlog.isEmpty()) {
                        continue;
                    }
                }
                int permits = limit.acquireUpTo(backlog.size(), WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (permits > 0 && (!running || !intake)) {
                    // intake stopped while we waited: a stopping consumer must not get more records
                    limit.release(permits);
                    continue;
                }
                if (permits > 0) {
                    List<NatsDelivery> handOut = new ArrayList<>(permits);
                    for (int i = 0; i < permits; i++) {
                        NatsDelivery delivery = backlog.poll();
                        delivery.handedOut = true;
                        handOut.add(delivery);
                    }
                    handler.onDeliveries(handOut);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Poll loop of group {} on stream {} failed; unacked messages are redelivered after AckWait",
                    spec.groupId(), stream, e);
        }
    }

    /** Moves backlog messages behind a closed barrier aside; puts the deferred ones back when a barrier opens. */
    private void checkBarriers(ArrayDeque<NatsDelivery> backlog) {
        backlog.removeIf(delivery -> {
            Barrier barrier = barriers.get(delivery.partition());
            return barrier != null && barrier.barrier.holds(delivery);
        });
        long now = System.nanoTime();
        if (now < nextBarrierCheck) {
            return;
        }
        nextBarrierCheck = now + TimeUnit.MILLISECONDS.toNanos(20);
        for (Iterator<Barrier> it = barriers.values().iterator(); it.hasNext();) {
            Barrier barrier = it.next();
            List<NatsDelivery> released = barrier.barrier.tryOpen(now);
            if (barrier.barrier.isOpen()) {
                it.remove();
                // the released ones are older than anything in the backlog of their partition
                List<NatsDelivery> rest = new ArrayList<>(backlog);
                backlog.clear();
                backlog.addAll(released);
                backlog.addAll(rest);
                LOG.debug("Group {} on stream {}: left-over messages up to {} are back; {} messages follow in order",
                        spec.groupId(), stream, barrier.barrier.upTo(), released.size());
            }
        }
    }

    /** Poll thread only. */
    private void keepAlive(long now) {
        lastKeepAlive = now;
        for (NatsDelivery delivery : live) {
            delivery.keepAlive(now, keepAliveNanos);
        }
    }

    /** Called when a delivery was acked or abandoned (any thread). */
    void finished(NatsDelivery delivery) {
        live.remove(delivery);
        if (delivery.handedOut) {
            limit.release(1);
        }
    }

    /** A partition's durable and its barrier. */
    private record Barrier(String durable, RedeliveryBarrier barrier) {
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
        // whatever is not acked stays unacked: the server redelivers it after AckWait, when this member's pull
        // requests have expired (a nak now could be redelivered into them and be lost until the next AckWait, letting
        // later events overtake it); the next member's RedeliveryBarrier restores the order
        live.forEach(NatsDelivery::abandon);
        live.clear();
        received.clear();
    }
}
