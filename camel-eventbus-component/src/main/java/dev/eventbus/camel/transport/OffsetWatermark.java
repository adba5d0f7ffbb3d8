package dev.eventbus.camel.transport;

import java.util.function.LongConsumer;

/**
 * Tracks the records of one partition that were handed out and completes them in any order; {@link #committable()}
 * is the offset below which every handed-out record has completed (the Parallel Consumer model), so a commit never
 * skips an unfinished record. Offsets must be tracked in increasing order; gaps are allowed. Not thread-safe: the
 * owner guards it.
 */
public final class OffsetWatermark {

    private long[] offsets = new long[64];
    private boolean[] done = new boolean[64];
    private int head;
    private int size;
    private long next;

    /** Starts a watermark whose first expected offset is {@code start}. */
    public OffsetWatermark(long start) {
        this.next = start;
    }

    /** Records that {@code offset} was handed out. */
    public void track(long offset) {
        if (offset < next) {
            throw new IllegalArgumentException("offset " + offset + " tracked out of order (next is " + next + ")");
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = (head + size) & (offsets.length - 1);
        offsets[slot] = offset;
        done[slot] = false;
        size++;
        next = offset + 1;
    }

    /**
     * Marks {@code offset} complete.
     *
     * @return true when the committable offset advanced
     */
    public boolean complete(long offset) {
        int index = indexOf(offset);
        if (index < 0) {
            return false;
        }
        done[index] = true;
        if (index != head) {
            return false;
        }
        int mask = offsets.length - 1;
        while (size > 0 && done[head]) {
            head = (head + 1) & mask;
            size--;
        }
        return true;
    }

    /** The next offset to commit: the first incomplete one, or the one after the last tracked when all completed. */
    public long committable() {
        return size == 0 ? next : offsets[head];
    }

    /** The lowest offset that may be tracked next: one past the last tracked (or the start). */
    public long next() {
        return next;
    }

    /** Calls {@code action} with every completed offset above {@link #committable()}, in increasing order. */
    public void forEachCompletedAbove(LongConsumer action) {
        int mask = offsets.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & mask;
            if (done[slot]) {
                action.accept(offsets[slot]);
            }
        }
    }

    /** Number of handed-out records not yet complete (including completed ones above a gap). */
    public int pending() {
        return size;
    }

    private int indexOf(long offset) {
        int mask = offsets.length - 1;
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long value = offsets[(head + mid) & mask];
            if (value < offset) {
                lo = mid + 1;
            } else if (value > offset) {
                hi = mid - 1;
            } else {
                return (head + mid) & mask;
            }
        }
        return -1;
    }

    private void grow() {
        int capacity = offsets.length * 2;
        long[] p = new long[capacity];
        boolean[] d = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (offsets.length - 1);
            p[i] = offsets[slot];
            d[i] = done[slot];
        }
        offsets = p;
        done = d;
        head = 0;
    }

    @Override
    public String toString() {
        return "OffsetWatermark[committable=" + committable() + ", pending=" + size + ", next=" + next + "]";
    }
}
