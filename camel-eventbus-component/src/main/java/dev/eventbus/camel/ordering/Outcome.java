package dev.eventbus.camel.ordering;

/**
 * What a {@link LaneWorker} decided for an item: done, try again after a delay, or hold it. While an item waits for its
 * retry its key's later items wait behind it; other keys of the lane keep flowing. A held item instead lets its key's
 * later items go ahead, and is attempted again as soon as one of them is done, or when the hold delay passed.
 *
 * @param retryDelayMillis negative for done, otherwise the delay before the next attempt
 * @param hold             whether the item is held (set aside) rather than retried in place
 */
public record Outcome(long retryDelayMillis, boolean hold) {

    private static final Outcome DONE = new Outcome(-1, false);

    /** A retry outcome. */
    public Outcome(long retryDelayMillis) {
        this(retryDelayMillis, false);
    }

    /** The item is finished. */
    public static Outcome done() {
        return DONE;
    }

    /** Attempt the item again after {@code delayMillis}. */
    public static Outcome retryAfter(long delayMillis) {
        return new Outcome(Math.max(0, delayMillis));
    }

    /**
     * Set the item aside: its key's later items go ahead; attempt it again when one of them is done, or after {@code
     * maxDelayMillis} at the latest (per-aggregate resequencing).
     */
    public static Outcome hold(long maxDelayMillis) {
        return new Outcome(Math.max(0, maxDelayMillis), true);
    }

    /** Whether the item is finished. */
    public boolean isDone() {
        return retryDelayMillis < 0;
    }
}
