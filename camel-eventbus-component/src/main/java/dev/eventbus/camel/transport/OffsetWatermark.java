package dev.eventbus.camel.transport;

import java.util.function.LongConsumer;

/**
 * Tracks the records of one partition that were handed out and completes them in any order; {@link #committable()}
 * is the position below which every handed-out record has completed (the Parallel Consumer model), so a commit never
 * skips an unfinished record. Positions must be tracked in increasing order; gaps are allowed. Not thread-safe: the
 * owner guards it.
 */
public final class OffsetWatermark {

    private long[] positions = new long[64];
    private boolean[] done = new boolean[64];
    private int head;
    private int size;
    private long next;

    /** Starts a watermark whose first expected position is {@code start}. */
    public OffsetWatermark(long start) {
        this.next = start;
    }

    /** Records that {@code position} was handed out. */
    public void track(long position) {
        if (position < next) {
            throw new IllegalArgumentException("position " + position + " tracked out of order (next is " + next + ")");
        }
        if (size == positions.length) {
            grow();
        }
        int slot = (head + size) & (positions.length - 1);
        positions[slot] = position;
        done[slot] = false;
        size++;
        next = position + 1;
    }

    /**
     * Marks {@code position} complete.
     *
     * @return true when the committable position advanced
     */
    public boolean complete(long position) {
        int index = indexOf(position);
        if (index < 0) {
            return false;
        }
        done[index] = true;
        if (index != head) {
            return false;
        }
        int mask = positions.length - 1;
        while (size > 0 && done[head]) {
            head = (head + 1) & mask;
            size--;
        }
        return true;
    }

    /** The next position to commit: the first incomplete one, or the one after the last tracked when all completed. */
    public long committable() {
        return size == 0 ? next : positions[head];
    }

    /** The lowest position that may be tracked next: one past the last tracked (or the start). */
    public long next() {
        return next;
    }

    /** Calls {@code action} with every completed position above {@link #committable()}, in increasing order. */
    public void forEachCompletedAbove(LongConsumer action) {
        int mask = positions.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & mask;
            if (done[slot]) {
                action.accept(positions[slot]);
            }
        }
    }

    /** Number of handed-out records not yet complete (including completed ones above a gap). */
    public int pending() {
        return size;
    }

    private int indexOf(long position) {
        int mask = positions.length - 1;
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long value = positions[(head + mid) & mask];
            if (value < position) {
                lo = mid + 1;
            } else if (value > position) {
                hi = mid - 1;
            } else {
                return (head + mid) & mask;
            }
        }
        return -1;
    }

    private void grow() {
        int capacity = positions.length * 2;
        long[] p = new long[capacity];
        boolean[] d = new boolean[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (positions.length - 1);
            p[i] = positions[slot];
            d[i] = done[slot];
        }
        positions = p;
        done = d;
        head = 0;
    }

    @Override
    public String toString() {
        return "OffsetWatermark[committable=" + committable() + ", pending=" + size + ", next=" + next + "]";
    }
}
