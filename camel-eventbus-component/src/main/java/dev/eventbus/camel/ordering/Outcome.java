package dev.eventbus.camel.ordering;

/**
 * What a {@link LaneWorker} decided for an item: {@link Done}, {@link Retry} after a delay, or {@link Hold} it.
 * While an item waits for its retry its key's later items wait behind it; other keys of the lane keep flowing. A held
 * item instead lets its key's later items go ahead, and is attempted again as soon as one of them is done, or when the
 * hold delay passed.
 */
public sealed interface Outcome permits Outcome.Done, Outcome.Retry, Outcome.Hold {

    /** The item is finished. */
    record Done() implements Outcome {
    }

    /**
     * Attempt the item again after a delay; its key's later items wait behind it.
     *
     * @param delayMillis the delay before the next attempt, not negative
     */
    record Retry(long delayMillis) implements Outcome {
        public Retry {
            delayMillis = Math.max(0, delayMillis);
        }
    }

    /**
     * Set the item aside: its key's later items go ahead; attempt it again when one of them is done, or after the delay
     * at the latest (per-aggregate resequencing).
     *
     * @param maxDelayMillis the longest the item is held, not negative
     */
    record Hold(long maxDelayMillis) implements Outcome {
        public Hold {
            maxDelayMillis = Math.max(0, maxDelayMillis);
        }
    }

    /** The item is finished. */
    static Outcome done() {
        return new Done();
    }

    /** Attempt the item again after {@code delayMillis}. */
    static Outcome retryAfter(long delayMillis) {
        return new Retry(delayMillis);
    }

    /** Hold the item for up to {@code maxDelayMillis}. */
    static Outcome hold(long maxDelayMillis) {
        return new Hold(maxDelayMillis);
    }
}
