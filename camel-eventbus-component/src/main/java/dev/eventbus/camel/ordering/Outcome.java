package dev.eventbus.camel.ordering;

/**
 * What a {@link LaneWorker} decided for an item: done, or try again after a delay. While an item waits for its retry
 * its key's later items wait behind it; other keys of the lane keep flowing.
 *
 * @param retryDelayMillis negative for done, otherwise the delay before the next attempt
 */
public record Outcome(long retryDelayMillis) {

    private static final Outcome DONE = new Outcome(-1);

    /** The item is finished. */
    public static Outcome done() {
        return DONE;
    }

    /** Attempt the item again after {@code delayMillis}. */
    public static Outcome retryAfter(long delayMillis) {
        return new Outcome(Math.max(0, delayMillis));
    }

    /** Whether the item is finished. */
    public boolean isDone() {
        return retryDelayMillis < 0;
    }
}
