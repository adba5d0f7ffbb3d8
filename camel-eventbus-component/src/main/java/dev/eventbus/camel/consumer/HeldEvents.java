package dev.eventbus.camel.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the events held back on the lanes for an earlier version of their aggregate (resequencing): at most half of
 * maxInFlight are held; a further one is deferred to the broker (redelivered after a delay, its permit free
 * meanwhile), and when it comes back its hold time counts from its first hold. Per-lane state is confined to its lane.
 */
final class HeldEvents {

    private static final int MAX_DEFERRED_PER_LANE = 10_000;

    private final AtomicInteger holding = new AtomicInteger();
    private final int max;
    private final long deferMillis;
    /** Per lane: when events deferred to the broker were first held (event id to nanoTime), bounded. */
    private final Map<String, Long>[] deferredSince;

    @SuppressWarnings("unchecked")
    HeldEvents(int lanes, int maxInFlight, long resequenceTimeoutMillis) {
        this.max = Math.max(1, maxInFlight / 2);
        this.deferMillis = Math.max(100, Math.min(5000, resequenceTimeoutMillis / 10));
        this.deferredSince = new Map[lanes];
        for (int i = 0; i < lanes; i++) {
            deferredSince[i] = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > MAX_DEFERRED_PER_LANE;
                }
            };
        }
    }

    /** When a returning deferred event was first held ({@code nanoTime}), or 0. */
    long firstHeld(int lane, String eventId) {
        Long since = deferredSince[lane].isEmpty() ? null : deferredSince[lane].get(eventId);
        return since == null ? 0 : since;
    }

    /** The event is no longer waiting for a gap (processed, skipped or given up). */
    void settled(int lane, String eventId) {
        if (!deferredSince[lane].isEmpty()) {
            deferredSince[lane].remove(eventId);
        }
    }

    /**
     * Holds the event on its lane, or defers it to the broker when the bound is reached and the transport can.
     *
     * @return true when it was deferred (the lane is done with it)
     */
    boolean holdOrDefer(int lane, InboundEvent event, long holdMillis) {
        if (event.holding) {
            return false;
        }
        if (holding.get() >= max && event.delivery.release(Math.min(holdMillis, deferMillis))) {
            deferredSince[lane].put(event.envelope.eventId(), event.heldSinceNanos);
            return true;
        }
        event.holding = true;
        holding.incrementAndGet();
        return false;
    }

    /** The event leaves its lane's hold (whatever happens to it next). */
    void released(InboundEvent event) {
        if (event.holding) {
            event.holding = false;
            holding.decrementAndGet();
        }
    }
}
