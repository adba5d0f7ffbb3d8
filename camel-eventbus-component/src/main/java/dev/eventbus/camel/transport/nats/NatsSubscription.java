package dev.eventbus.camel.transport.nats;

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
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionLifecycle;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.ThreadPools;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a subscription group on a JetStream stream: its durables ({@link NatsDurables}) are pulled
 * ({@link NatsPulls}) into a local queue. The poll thread {@code eventbus-poll-<topic>-<group>-1} takes an in-flight
 * permit per message before it hands it to the consumer, and every AckWait/3 sends an in-progress ack for each message
 * that is queued, waiting or running, so a long-running event is not redelivered. Closing stops the pulls and leaves
 * whatever was not acked to be redelivered after AckWait; a member that binds while a durable has such left-overs
 * keeps everything back until they are in, then goes on in stream order ({@link RedeliveryBarrier}). A message
 * delivered but not received here (lost in transit, or sent to a departed member's pull request) shows as a gap in the
 * consumer sequences; later messages of the durable wait for its redelivery ({@link GapTracker}).
 * <p>
 * Nothing but close ends the poll loop: a failure (also of the handler) is logged at most every 10 s, counted and
 * retried after a backoff of 100 ms doubling up to 5 s. Messages a failed hand-over took are released (a nak) and
 * their permits returned; a failing ack or in-progress ack is counted ({@link #completionFailures()}) and the message
 * left to be redelivered; every permit is returned exactly once.
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
    private final long keepAliveNanos;
    private final SubscriptionFaults faults;
    /** What keeps each bound partition's messages in order. */
    private final PartitionGates gates;
    private final NatsPulls pulls;
    private final NatsDurables durables;
    private final NatsProgress progress;
    /** Poll thread only. */
    private final ArrayDeque<NatsDelivery> backlog = new ArrayDeque<>();
    private final List<NatsDelivery> drained = new ArrayList<>(HANDOVER_BATCH);
    private long lastKeepAlive = System.nanoTime();
    /** Test seam: drops the messages it accepts on receipt, as if they were lost in transit. Set before start. */
    Predicate<NatsDelivery> dropOnReceipt;
    private ExecutorService pool;
    private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle();

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
        this.durables = new NatsDurables(connection, settings, stream, spec, limit.max());
        this.gates = new PartitionGates(faults, durables::ackFloor);
        this.pulls = new NatsPulls(connection, limit.max(), settings.ackWaitMillis());
        this.progress = new NatsProgress(durables);
    }

    @Override
    public synchronized void start() {
        if (!lifecycle.start()) {
            return;
        }
        try {
            List<NatsDurables.Bound> bound = durables.bind();
            progress.bind(bound);
            for (NatsDurables.Bound durable : bound) {
                gates.put(durable.partition(), durable.gate());
                LOG.debug("Group {} bound to stream {} partition {} as {}", spec.groupId(), stream,
                        durable.partition(), durable.name());
                pulls.pull(stream, durable.name(),
                        message -> onMessage(new NatsDelivery(this, message, spec.topic(), durable.partition())));
            }
        } catch (java.io.IOException | JetStreamApiException | RuntimeException e) {
            // close whatever was started (the pulls)
            close();
            throw new IllegalStateException("cannot create the JetStream consumer of group '" + spec.groupId()
                    + "' on stream '" + stream + "' (" + settings.servers() + "): " + e.getMessage(), e);
        }
        startPolling();
    }

    /** Starts the poll thread (package-private: unit tests run it without a server). */
    void startPolling() {
        lifecycle.start();
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
        progress.received(delivery.partition(), delivery.pending());
        if (lifecycle.isActive()) {
            received.add(delivery);
        }
    }

    /** Runs until close; nothing but an interrupt ends it: a failure is logged, counted and retried after a backoff. */
    private void pollLoop() {
        long backoffMillis = 0;
        while (lifecycle.isActive()) {
            try {
                pollOnce();
                backoffMillis = 0;
                faults.pollSucceeded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoffMillis * 2));
                faults.pollFailed(e, backoffMillis);
                if (!backOff(backoffMillis)) {
                    return;
                }
            }
        }
    }

    /** Sleeps up to {@code millis} while running; false when interrupted. */
    private boolean backOff(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (lifecycle.isActive() && System.nanoTime() - until < 0) {
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
        progress.refreshIfDue(now);
        if (!lifecycle.takesRecords()) {
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
        if (!lifecycle.takesRecords()) {
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

    /** Called when a delivery was completed, released or abandoned (any thread). */
    void settled(NatsDelivery delivery) {
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
    public long completionFailures() {
        return faults.completionFailures();
    }

    @Override
    public SubscriptionStatus status() {
        boolean connected = connection.connection().getStatus() == Connection.Status.CONNECTED;
        boolean paused = !lifecycle.takesRecords();
        List<PartitionStatus> partitions = lifecycle.isActive() ? progress.partitions(paused) : List.of();
        return new SubscriptionStatus(lifecycle.state(), connected, settings.servers(),
                faults.consecutivePollFailures(), 0, partitions);
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
    public synchronized void close() {
        lifecycle.close();
        pulls.stop();
        threads.shutdown(pool, 5000);
        pool = null;
        pulls.close();
        // whatever is not acked stays unacked: the server redelivers it after AckWait, when this member's pull
        // requests have expired (a nak now could be redelivered into them and be lost until the next AckWait, letting
        // later events overtake it); the next member's RedeliveryBarrier restores the order
        live.forEach(NatsDelivery::abandon);
        live.clear();
        lifecycle.closed();
        received.clear();
    }
}
