package dev.eventbus.camel.transport.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.RateLimitedLog;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionLifecycle;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.ThreadPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a subscription group on a memory topic. A single poll thread claims the partitions the group assigns
 * to it, hands their records to the handler within the in-flight limit, and gives a partition up only after every
 * record it handed out from it was completed, so two members never process one partition at the same time.
 */
final class MemorySubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(MemorySubscription.class);
    private static final int BATCH = 256;
    private static final long WAIT_MILLIS = 100;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final MemoryTopic topic;
    private final MemoryGroup group;
    private final GroupCursor[] cursors;
    private final boolean[] owned;
    private final InFlightLimit inFlight;
    private final DeliveryHandler handler;
    private final ThreadPools threads;
    private final String threadName;
    private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle();
    private ExecutorService pollThread;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 10_000);
    private final AtomicLong pollFailures = new AtomicLong();
    /** Poll thread only: the partition the next fetch starts at. */
    private int start;

    MemorySubscription(MemoryTopic topic, String groupId, InFlightLimit inFlight, DeliveryHandler handler,
            ThreadPools threads) {
        this.topic = topic;
        this.group = topic.group(groupId);
        MemoryPartition[] partitions = topic.partitions();
        this.cursors = new GroupCursor[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            cursors[i] = partitions[i].cursor(groupId);
        }
        this.owned = new boolean[partitions.length];
        this.inFlight = inFlight;
        this.handler = handler;
        this.threads = threads;
        this.threadName = "eventbus-poll-" + topic.name + "-" + groupId;
    }

    @Override
    public synchronized void start() {
        if (!lifecycle.start()) {
            return;
        }
        group.join(this);
        topic.signal();
        pollThread = threads.newFixedPool(threadName, 1);
        pollThread.execute(this::pollLoop);
    }

    @Override
    public void pause() {
        lifecycle.pause();
        topic.signal();
    }

    @Override
    public void resume() {
        lifecycle.resume();
        topic.signal();
    }

    @Override
    public synchronized void close() {
        if (!lifecycle.close()) {
            return;
        }
        topic.signal();
        threads.shutdown(pollThread, TimeUnit.SECONDS.toMillis(5));
        pollThread = null;
        releaseOwned();
        group.leave(this);
        topic.signal();
        lifecycle.closed();
    }

    @Override
    public SubscriptionStatus status() {
        MemoryPartition[] partitions = topic.partitions();
        List<PartitionStatus> owned = new ArrayList<>();
        boolean paused = !lifecycle.takesRecords();
        for (int p = 0; p < partitions.length; p++) {
            if (lifecycle.isActive() && group.owns(this, p)) {
                owned.add(partitions[p].status(p, cursors[p], paused));
            }
        }
        return new SubscriptionStatus(lifecycle.state(), true, "memory", 0, 0, owned);
    }

    @Override
    public long pollFailures() {
        return pollFailures.get();
    }

    /** Called by a delivery when it was completed or released: returns its in-flight permit and wakes the poll loop. */
    void settled() {
        inFlight.release(1);
    }

    private void pollLoop() {
        List<MemoryDelivery> batch = new ArrayList<>(BATCH);
        long backoff = MIN_BACKOFF_MILLIS;
        try {
            while (lifecycle.isActive()) {
                try {
                    pollOnce(batch);
                    backoff = MIN_BACKOFF_MILLIS;
                } catch (RuntimeException e) {
                    pollFailures.incrementAndGet();
                    // whatever the handler did not take is fetched again from the committed offset
                    failures.error("Poll loop of {} failed; its partitions are given back and fetched again in {} ms",
                            threadName, backoff, e);
                    batch.forEach(MemoryDelivery::abandon);
                    batch.clear();
                    releaseOwned();
                    topic.signal();
                    TimeUnit.MILLISECONDS.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollOnce(List<MemoryDelivery> batch) throws InterruptedException {
        MemoryPartition[] partitions = topic.partitions();
        long seen = topic.changes();
        rebalance(partitions);
        if (!lifecycle.takesRecords()) {
            topic.awaitChange(seen, WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        int permits = inFlight.acquireUpTo(BATCH, WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (permits == 0) {
            return;
        }
        if (!lifecycle.takesRecords()) {
            // intake stopped while we waited: a stopping consumer that saw no permits taken must not get records
            inFlight.release(permits);
            return;
        }
        int used = 0;
        for (int i = 0; i < partitions.length && used < permits; i++) {
            int p = (start + i) % partitions.length;
            if (owned[p] && group.owns(this, p)) {
                used += partitions[p].fetch(cursors[p], this, permits - used, this, batch);
            }
        }
        start = (start + 1) % partitions.length;
        if (used < permits) {
            inFlight.release(permits - used);
        }
        if (!batch.isEmpty()) {
            handler.onDeliveries(batch);
            batch.clear();
        }
        if (used == 0) {
            topic.awaitChange(seen, WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Gives every owned partition back; records handed out and not completed are delivered again to the next owner. */
    private void releaseOwned() {
        MemoryPartition[] partitions = topic.partitions();
        for (int p = 0; p < partitions.length; p++) {
            if (owned[p]) {
                partitions[p].tryRelease(cursors[p], this, true);
                owned[p] = false;
            }
        }
    }

    /** Gives up partitions the group moved away (once drained) and claims newly assigned free ones. */
    private void rebalance(MemoryPartition[] partitions) {
        for (int p = 0; p < partitions.length; p++) {
            boolean wanted = lifecycle.isActive() && group.owns(this, p);
            if (owned[p] && !wanted) {
                if (partitions[p].tryRelease(cursors[p], this, false)) {
                    owned[p] = false;
                    topic.signal();
                }
            } else if (!owned[p] && wanted) {
                owned[p] = partitions[p].tryClaim(cursors[p], this);
            }
        }
    }
}
