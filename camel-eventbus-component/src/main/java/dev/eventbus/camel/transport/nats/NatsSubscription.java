package dev.eventbus.camel.transport.nats;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import io.nats.client.Connection;
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
 * A message delivered but not received here (lost in transit, or sent to a departed member's pull request) shows as a
 * gap in the consumer sequences; later messages of the durable wait for its redelivery ({@link GapTracker}).
 * <p>
 * Nothing but close ends the poll loop: a failure (also of the handler) is logged at most every 10 s, counted
 * ({@link #pollFailures()}) and retried after a backoff of 100 ms doubling up to 5 s. Messages a failed hand-over
 * took are given back with a nak and their permits returned; a failing ack or in-progress ack is counted
 * ({@link #ackFailures()}) and the message left to be redelivered; every permit is returned exactly once.
 */
final class NatsSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSubscription.class);
    private static final long WAIT_MILLIS = 50;
    private static final int HANDOVER_BATCH = 256;
    private static final long MAX_BACKOFF_MILLIS = 5000;

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
    private final SubscriptionFaults faults;
    /** What keeps each bound partition's messages in order. */
    private final PartitionGates gates;
    /** Poll thread only. */
    private final ArrayDeque<NatsDelivery> backlog = new ArrayDeque<>();
    private final List<NatsDelivery> drained = new ArrayList<>(HANDOVER_BATCH);
    private long lastKeepAlive = System.nanoTime();
    /** Test seam: drops the messages it accepts on receipt, as if they were lost in transit. Set before start. */
    Predicate<NatsDelivery> dropOnReceipt;
    private Dispatcher dispatcher;
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
        this.faults = new SubscriptionFaults(spec.groupId(), stream);
        this.gates = new PartitionGates(faults, this::ackFloor);
    }

    /**
     * The durable consumer name of {@code partition} for {@code groupId}: {@code <group>[-p<k>]}, or
     * {@code <group>_<topic>[-p<k>]} on a stream shared with other topics ({@code topic} not null).
     */
    static String durableName(String groupId, String topic, boolean partitioned, int partition) {
        String base = groupId.replaceAll("[^A-Za-z0-9_-]", "_")
                + (topic == null ? "" : "_" + topic.replaceAll("[^A-Za-z0-9_-]", "_"));
        return partitioned ? base + "-p" + partition : base;
    }

    /** Whether the stream captures subjects beyond the topic's own and its dead-letter subject (wildcards included). */
    private boolean capturesOtherSubjects(List<String> own) throws java.io.IOException, JetStreamApiException {
        for (String subject : connection.management().getStreamInfo(stream).getConfiguration().getSubjects()) {
            if (!own.contains(subject) && !subject.equals(spec.topic() + ".dlq")) {
                return true;
            }
        }
        return false;
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
        int[] bound = partitioned ? settings.boundPartitions() : new int[]{0};
        dispatcher = connection.connection().createDispatcher();
        ConsumeOptions consumeOptions = ConsumeOptions.builder()
                .batchSize(Math.max(1, Math.min(500, limit.max())))
                // pull requests expire well before an abandoned message's AckWait ends (see close)
                .expiresIn(Math.max(1000, Math.min(5000, settings.ackWaitMillis() / 2)))
                .build();
        try {
            // a stream that also captures other subjects (a wildcard stream of the Go bus) may carry several topics:
            // their durables must not meet, so the topic goes into the name
            // (a stream forced with stream= keeps the plain names it always had)
            boolean forced = spec.topic().equals(settings.topic()) && settings.stream() != null
                    && !settings.stream().isBlank();
            String sharedBy = !forced && capturesOtherSubjects(NatsStreams.subjects(spec.topic(), partitionCount))
                    ? spec.topic() : null;
            for (int partition : bound) {
                String durable = durableName(spec.groupId(), sharedBy, partitioned, partition);
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
                PartitionGate gate = PartitionGate.bind(durable, info, settings.ackWaitMillis());
                gates.put(partition, gate);
                if (gate.waitsForLeftOvers()) {
                    LOG.info("Group {} on stream {}: {} messages left unacked by a previous member; messages wait "
                            + "until they are redelivered, then go on in stream order", spec.groupId(), stream,
                            info.getNumAckPending());
                }
                ConsumerContext context = connection.connection().getConsumerContext(stream, durable);
                consumers.add(context.consume(consumeOptions, dispatcher,
                        message -> onMessage(new NatsDelivery(this, message, spec.topic(), partition))));
            }
        } catch (java.io.IOException | JetStreamApiException | RuntimeException e) {
            // close whatever was started (dispatcher, consumers): a later start begins afresh
            close();
            throw new IllegalStateException("cannot create the JetStream consumer of group '" + spec.groupId()
                    + "' on stream '" + stream + "' (" + settings.servers() + "): " + e.getMessage(), e);
        }
        startPolling();
        LOG.debug("Subscribed group {} to stream {} partitions {}", spec.groupId(), stream,
                java.util.Arrays.toString(bound));
    }

    /** The durable's ack floor from the server; fails at once while disconnected (poll thread). */
    private long ackFloor(String durable) throws java.io.IOException, JetStreamApiException {
        if (connection.connection().getStatus() != Connection.Status.CONNECTED) {
            throw new IllegalStateException("not connected");
        }
        return connection.management().getConsumerInfo(stream, durable).getAckFloor().getStreamSequence();
    }

    /** Starts the poll thread (package-private: unit tests run it without a server). */
    void startPolling() {
        running = true;
        pool = threads.newFixedPool("eventbus-poll-" + spec.topic() + "-" + spec.groupId(), 1);
        pool.execute(this::pollLoop);
    }

    /**
     * On the jnats dispatcher thread: queue the message (the server bounds how many by MaxAckPending). One arriving
     * while closing is only remembered (and left unacked by close).
     */
    void onMessage(NatsDelivery delivery) {
        if (dropOnReceipt != null && dropOnReceipt.test(delivery)) {
            return;
        }
        live.add(delivery);
        if (running) {
            received.add(delivery);
        }
    }

    /** Runs until close; nothing but an interrupt ends it: a failure is logged, counted and retried after a backoff. */
    private void pollLoop() {
        long backoffMillis = 0;
        while (running) {
            try {
                pollOnce();
                backoffMillis = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoffMillis * 2));
                faults.pollFailed(e, backoffMillis);
                if (!pause(backoffMillis)) {
                    return;
                }
            }
        }
    }

    /** Sleeps up to {@code millis} while running; false when interrupted. */
    private boolean pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (running && System.nanoTime() - until < 0) {
                TimeUnit.MILLISECONDS.sleep(Math.min(WAIT_MILLIS, millis));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One round of the poll loop: keep-alives, gates, then a hand-over within the in-flight permits. */
    private void pollOnce() throws InterruptedException {
        long now = System.nanoTime();
        if (now - lastKeepAlive >= keepAliveNanos) {
            keepAlive(now);
        }
        if (!intake) {
            TimeUnit.MILLISECONDS.sleep(WAIT_MILLIS);
            return;
        }
        gates.releaseDue(now, backlog::add);
        if (backlog.isEmpty()) {
            NatsDelivery first = received.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            drained.add(first);
            received.drainTo(drained, HANDOVER_BATCH - 1);
            try {
                gates.admit(drained, backlog::add);
            } finally {
                drained.clear();
            }
            if (backlog.isEmpty()) {
                return;
            }
        }
        handOver();
    }

    private void handOver() throws InterruptedException {
        int permits = limit.acquireUpTo(backlog.size(), WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (permits == 0) {
            return;
        }
        if (!running || !intake) {
            // intake stopped while we waited: a stopping consumer must not get more records
            limit.release(permits);
            return;
        }
        List<NatsDelivery> handOut = new ArrayList<>(permits);
        for (int i = 0; i < permits; i++) {
            NatsDelivery delivery = backlog.poll();
            delivery.handedOut = true;
            handOut.add(delivery);
        }
        try {
            handler.onDeliveries(handOut);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // which ones the handler took is unknown: give all back (a later ack of one it took is ignored) and let
            // later messages of their partitions wait for the redeliveries
            gates.giveBack(handOut);
            throw e;
        }
    }

    /** Poll thread only. A failing in-progress ack ends this round; the delivery stays with its owner. */
    private void keepAlive(long now) {
        lastKeepAlive = now;
        for (NatsDelivery delivery : live) {
            try {
                delivery.keepAlive(now, keepAliveNanos);
            } catch (RuntimeException e) {
                ackFailed("in-progress ack", e);
                return;
            }
        }
    }

    /** Called when an ack, in-progress ack or nak failed (any thread): the server redelivers after AckWait. */
    void ackFailed(String what, RuntimeException e) {
        faults.ackFailed(what, e);
    }

    /** Called when a delivery was acked or abandoned (any thread). */
    void finished(NatsDelivery delivery) {
        live.remove(delivery);
        if (delivery.handedOut) {
            limit.release(1);
        }
    }

    /** How often the poll loop failed and went on after a backoff (for the consumer's stats). */
    @Override
    public long pollFailures() {
        return faults.pollFailures();
    }

    /** How many acks, in-progress acks and naks failed (for the consumer's stats). */
    @Override
    public long ackFailures() {
        return faults.ackFailures();
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
