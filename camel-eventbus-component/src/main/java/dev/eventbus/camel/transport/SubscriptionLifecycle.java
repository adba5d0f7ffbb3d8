package dev.eventbus.camel.transport;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SubscriptionState} of one subscription and its allowed moves, safe from any thread. Subscriptions keep
 * one of these instead of running/intake/closing flags.
 */
public final class SubscriptionLifecycle {

    private final AtomicReference<SubscriptionState> state = new AtomicReference<>(SubscriptionState.CREATED);

    public SubscriptionState state() {
        return state.get();
    }

    /** CREATED → RUNNING; false when the subscription was started or closed before. */
    public boolean start() {
        return state.compareAndSet(SubscriptionState.CREATED, SubscriptionState.RUNNING);
    }

    /** RUNNING → PAUSED; nothing in any other state. */
    public void pause() {
        state.compareAndSet(SubscriptionState.RUNNING, SubscriptionState.PAUSED);
    }

    /** PAUSED → RUNNING; nothing in any other state. */
    public void resume() {
        state.compareAndSet(SubscriptionState.PAUSED, SubscriptionState.RUNNING);
    }

    /**
     * Begins the close: CREATED goes straight to CLOSED, RUNNING and PAUSED to CLOSING.
     *
     * @return true when the caller must now end the subscription's work and then call {@link #closed()}
     */
    public boolean close() {
        while (true) {
            SubscriptionState current = state.get();
            if (current == SubscriptionState.CLOSING || current == SubscriptionState.CLOSED) {
                return false;
            }
            SubscriptionState next = current == SubscriptionState.CREATED
                    ? SubscriptionState.CLOSED : SubscriptionState.CLOSING;
            if (state.compareAndSet(current, next)) {
                return next == SubscriptionState.CLOSING;
            }
        }
    }

    /** CLOSING → CLOSED: every thread of the subscription has ended. */
    public void closed() {
        state.set(SubscriptionState.CLOSED);
    }

    /** Whether new records are to be fetched and handed out (RUNNING). */
    public boolean takesRecords() {
        return state.get() == SubscriptionState.RUNNING;
    }

    /** Whether the subscription was started and not yet asked to close (RUNNING or PAUSED). */
    public boolean isActive() {
        return state.get().isActive();
    }

    /** Whether {@link #close()} was called (CLOSING or CLOSED). */
    public boolean isClosing() {
        SubscriptionState current = state.get();
        return current == SubscriptionState.CLOSING || current == SubscriptionState.CLOSED;
    }

    @Override
    public String toString() {
        return state.get().name();
    }
}
