package dev.eventbus.camel.transport.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.eventbus.camel.transport.KeyHash;

/** An in-memory topic: partitions chosen by key hash, subscription groups, and a wake-up signal for new data. */
final class MemoryTopic {

    final String name;
    private final MemoryPartition[] partitions;
    private final Map<String, MemoryGroup> groups = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition changed = signalLock.newCondition();
    private volatile int waiters;

    MemoryTopic(String name, int partitionCount, int capacity) {
        this.name = name;
        this.partitions = new MemoryPartition[partitionCount];
        for (int i = 0; i < partitionCount; i++) {
            partitions[i] = new MemoryPartition(name, i, capacity);
        }
    }

    MemoryPartition[] partitions() {
        return partitions;
    }

    MemoryPartition partitionFor(String key) {
        return partitions[KeyHash.partition(key, partitions.length)];
    }

    MemoryGroup group(String groupId) {
        return groups.computeIfAbsent(groupId, g -> new MemoryGroup());
    }

    /** A number that changes whenever data arrives or memberships change. */
    long changes() {
        return changes.get();
    }

    /** Wakes subscriptions waiting in {@link #awaitChange}. */
    void signal() {
        changes.incrementAndGet();
        if (waiters > 0) {
            signalLock.lock();
            try {
                changed.signalAll();
            } finally {
                signalLock.unlock();
            }
        }
    }

    /** Waits until {@link #changes()} differs from {@code seen} or the timeout passed. */
    void awaitChange(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        signalLock.lock();
        try {
            waiters++;
            try {
                while (changes.get() == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                waiters--;
            }
        } finally {
            signalLock.unlock();
        }
    }

    /** Records stored and not yet freed, over all partitions. */
    long retained() {
        long n = 0;
        for (MemoryPartition p : partitions) {
            n += p.retained();
        }
        return n;
    }
}
