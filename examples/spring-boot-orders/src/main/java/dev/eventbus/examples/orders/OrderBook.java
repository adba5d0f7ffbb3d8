package dev.eventbus.examples.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The read model: per order the last applied version. It checks what the eventbus promises — one order's events
 * arrive one at a time, each with version last + 1 — and counts every breach. The version check runs under the
 * order's own lock and a busy flag catches two events of one order applied at once, so the check is correct whatever
 * threads deliver the events.
 */
@Component("orderBook")
public class OrderBook {

    private static final class OrderState {
        private final AtomicBoolean busy = new AtomicBoolean();
        private long version;
    }

    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder overlapping = new LongAdder();

    /** Applies one order event (headers set by the eventbus consumer). */
    public void apply(Message message) {
        String orderId = message.getHeader(EventBusConstants.AGGREGATE_ID, String.class);
        long version = message.getHeader(EventBusConstants.EVENT_VERSION, Long.class);
        OrderState state = orders.computeIfAbsent(orderId, id -> new OrderState());
        // an event of this order still being applied means the bus delivered two of its events at once
        boolean alone = state.busy.compareAndSet(false, true);
        if (!alone) {
            overlapping.increment();
        }
        try {
            synchronized (state) {
                if (version != state.version + 1) {
                    outOfOrder.increment();
                }
                state.version = Math.max(state.version, version);
            }
            applied.increment();
        } finally {
            if (alone) {
                state.busy.set(false);
            }
        }
    }

    /** Events applied. */
    public long applied() {
        return applied.sum();
    }

    /** Events whose version was not their order's last version + 1. */
    public long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Events applied while another event of the same order was being applied. */
    public long overlapping() {
        return overlapping.sum();
    }

    /** The last applied version of an order, 0 when none. */
    public long version(String orderId) {
        OrderState state = orders.get(orderId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.version;
        }
    }

    /** Orders seen. */
    public int size() {
        return orders.size();
    }
}
