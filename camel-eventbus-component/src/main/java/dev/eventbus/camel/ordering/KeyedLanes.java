package dev.eventbus.camel.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import dev.eventbus.camel.transport.ThreadPools;

/**
 * Runs items on a fixed number of lane threads: items of one key always go to the same lane (hash of the key) and are
 * worked on one at a time in submission order; different lanes run in parallel. Submitting never blocks and never runs
 * work on the caller's thread; the caller bounds how much it submits (the consumer's in-flight limit).
 */
public final class KeyedLanes<T> {

    private final String name;
    private final Lane<T>[] lanes;
    private final ThreadPools threads;
    private ExecutorService pool;
    private boolean stopped;

    /**
     * @param name    thread name prefix, e.g. {@code eventbus-lane-orders}
     * @param count   number of lanes (threads)
     * @param worker  what to do with each item
     * @param threads where the lane threads come from
     */
    @SuppressWarnings("unchecked")
    public KeyedLanes(String name, int count, LaneWorker<T> worker, ThreadPools threads) {
        if (count < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1 (was " + count + ")");
        }
        this.name = name;
        this.threads = threads;
        this.lanes = new Lane[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane<>(i, worker);
        }
    }

    /** Starts the lane threads. Lanes are single-use: after {@link #stop} create new ones. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("lanes " + name + " were stopped; create new lanes to start again");
        }
        if (pool != null) {
            return;
        }
        pool = threads.newFixedPool(name, lanes.length);
        for (Lane<T> lane : lanes) {
            pool.execute(lane);
        }
    }

    /** Queues {@code item} on the lane of {@code key}. */
    public void submit(String key, T item) {
        lanes[laneOf(key, lanes.length)].submit(key, item);
    }

    /**
     * Queues several items, each on the lane of its key, in order. Each lane gets its share in one go, so a lane
     * thread is woken once per batch rather than once per item.
     */
    public void submitAll(List<String> keys, List<T> items) {
        @SuppressWarnings("unchecked")
        List<String>[] laneKeys = new List[lanes.length];
        @SuppressWarnings("unchecked")
        List<T>[] laneItems = new List[lanes.length];
        for (int i = 0; i < items.size(); i++) {
            int lane = laneOf(keys.get(i), lanes.length);
            if (laneKeys[lane] == null) {
                laneKeys[lane] = new ArrayList<>();
                laneItems[lane] = new ArrayList<>();
            }
            laneKeys[lane].add(keys.get(i));
            laneItems[lane].add(items.get(i));
        }
        for (int lane = 0; lane < lanes.length; lane++) {
            if (laneKeys[lane] != null) {
                lanes[lane].submitAll(laneKeys[lane], laneItems[lane]);
            }
        }
    }

    /** The lane of {@code key} among {@code count} lanes; spreads keys independently of partition hashing. */
    public static int laneOf(String key, int count) {
        if (key == null) {
            return 0;
        }
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, count);
    }

    /** Items queued, waiting for a retry, or being worked on, over all lanes. */
    public int pending() {
        int n = 0;
        for (Lane<T> lane : lanes) {
            n += lane.pending();
        }
        return n;
    }

    /** Lanes that have an item queued, waiting for a retry, or being worked on right now. */
    public int busy() {
        int n = 0;
        for (Lane<T> lane : lanes) {
            if (lane.pending() > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Stops the lanes: each finishes the item it is working on and exits; queued items are abandoned (the transport
     * delivers them again). Waits up to {@code timeoutMillis} for the threads to end.
     */
    public synchronized void stop(long timeoutMillis) {
        stopped = true;
        if (pool == null) {
            return;
        }
        for (Lane<T> lane : lanes) {
            lane.stop();
        }
        threads.shutdown(pool, timeoutMillis);
        pool = null;
    }

    /** Number of lanes. */
    public int size() {
        return lanes.length;
    }

    /** Lane thread name prefix. */
    public String name() {
        return name;
    }
}
