package dev.eventbus.camel.transport.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.eventbus.camel.transport.OffsetWatermark;
import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.RateLimitedLog;
import org.slf4j.LoggerFactory;

/**
 * A bounded in-memory log. Each subscription group has its own {@link GroupCursor}; a record is freed once every
 * group has acknowledged it, and producers wait while the log holds {@code capacity} unfreed records. Dead letters
 * never make a consumer wait on a partition that no group reads yet: it keeps its newest {@code capacity} records for a
 * group that subscribes later and drops the oldest (WARN, rate-limited).
 */
final class MemoryPartition {

    private static final RateLimitedLog DROPPED = new RateLimitedLog(LoggerFactory.getLogger(MemoryPartition.class),
            10_000);

    final String topic;
    final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final MemoryRecord[] ring;
    private final Map<String, GroupCursor> cursors = new HashMap<>();
    private volatile long head;
    private long tail;

    MemoryPartition(String topic, int id, int capacity) {
        this.topic = topic;
        this.id = id;
        this.ring = new MemoryRecord[capacity];
    }

    /**
     * Appends a record, waiting until {@code deadline} (System.nanoTime) for room; false when it timed out. With
     * {@code dropOldestIfUnread} (dead letters) a full partition that no group reads drops its oldest record instead.
     */
    boolean append(MemoryRecord record, long deadline, boolean dropOldestIfUnread) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (dropOldestIfUnread && head - tail >= ring.length && cursors.isEmpty()) {
                // no group reads this dead-letter topic (yet): keep the newest records, never block the consumer
                ring[slot(tail)] = null;
                tail++;
                DROPPED.warn("Memory dead-letter topic {} partition {} is full and no group reads it: its oldest dead "
                        + "letter was dropped ({} records kept)", topic, id, ring.length);
            }
            while (head - tail >= ring.length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                notFull.awaitNanos(left);
            }
            ring[slot(head)] = record;
            head = head + 1;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The group's cursor, created at the oldest retained record when the group is new. */
    GroupCursor cursor(String group) {
        lock.lock();
        try {
            return cursors.computeIfAbsent(group, g -> new GroupCursor(tail));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the cursor has records it has not handed out yet. */
    boolean hasData(GroupCursor cursor) {
        return cursor.fetch < head;
    }

    /** Claims the partition for {@code owner} when nobody owns it; delivery restarts at the committed offset. */
    boolean tryClaim(GroupCursor cursor, Object owner) {
        lock.lock();
        try {
            if (cursor.owner == owner) {
                return true;
            }
            if (cursor.owner != null) {
                return false;
            }
            long committed = cursor.committed();
            cursor.redeliveredBelow = Math.max(cursor.redeliveredBelow, cursor.fetch);
            cursor.owner = owner;
            cursor.epoch++;
            cursor.fetch = committed;
            cursor.watermark = new OffsetWatermark(committed);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases the partition when the owner has nothing in flight, or always when {@code force}; records in flight
     * at a forced release are delivered again to the next owner.
     */
    boolean tryRelease(GroupCursor cursor, Object owner, boolean force) {
        lock.lock();
        try {
            if (cursor.owner != owner) {
                return true;
            }
            if (!force && cursor.watermark.pending() > 0) {
                return false;
            }
            cursor.owner = null;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Hands out up to {@code max} records to the owner; returns how many were added to {@code out}. */
    int fetch(GroupCursor cursor, Object owner, int max, MemorySubscription subscription, List<MemoryDelivery> out) {
        if (cursor.fetch >= head) {
            return 0;
        }
        lock.lock();
        try {
            if (cursor.owner != owner) {
                return 0;
            }
            int n = 0;
            while (n < max && cursor.fetch < head) {
                long offset = cursor.fetch++;
                cursor.watermark.track(offset);
                int count = offset < cursor.redeliveredBelow ? 2 : 1;
                out.add(new MemoryDelivery(subscription, this, cursor, cursor.epoch, offset, count,
                        ring[slot(offset)]));
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Completes one record of a cursor; frees log space once every group completed it. */
    void complete(GroupCursor cursor, long epoch, long offset) {
        lock.lock();
        try {
            if (cursor.epoch != epoch || !cursor.watermark.complete(offset)) {
                return;
            }
            long newTail = Long.MAX_VALUE;
            for (GroupCursor c : cursors.values()) {
                newTail = Math.min(newTail, c.committed());
            }
            if (newTail > tail) {
                for (long o = tail; o < newTail; o++) {
                    ring[slot(o)] = null;
                }
                tail = newTail;
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The cursor's progress: completed offset (the memory transport commits as it completes) and the records after the
     * last one handed out as lag.
     */
    PartitionStatus status(int id, GroupCursor cursor, boolean paused) {
        lock.lock();
        try {
            long completed = cursor.committed();
            return new PartitionStatus(id, completed, completed, Math.max(0, head - cursor.fetch), paused);
        } finally {
            lock.unlock();
        }
    }

    /** Records stored and not yet freed. */
    long retained() {
        lock.lock();
        try {
            return head - tail;
        } finally {
            lock.unlock();
        }
    }

    private int slot(long offset) {
        return (int) (offset % ring.length);
    }
}
