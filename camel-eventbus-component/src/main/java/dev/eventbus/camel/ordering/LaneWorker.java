package dev.eventbus.camel.ordering;

/**
 * Does the work for one item on a lane thread. It may block until the item finished (for example until an
 * asynchronous route completed); the lane starts the item's key's next item only after this returned {@link
 * Outcome#done()}.
 */
@FunctionalInterface
public interface LaneWorker<T> {

    /**
     * Works on {@code item}.
     *
     * @param lane    index of the lane thread, for lane-confined state
     * @param item    the item
     * @param attempt 1 for the first attempt, then 2, 3 ... for retries the worker asked for
     */
    Outcome work(int lane, T item, int attempt) throws InterruptedException;
}
