package dev.eventbus.routes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A read model of orders built from order events: per order the last applied version and event type. It checks what
 * the eventbus promises — each order's events arrive one at a time with version last + 1 — and counts any breach.
 * Each order's state has its own lock, so the check is correct whatever thread applies the event. It also records the
 * lag between an event's timestamp and when it was applied.
 */
public class OrderProjection implements Processor {

    /** The state of one order. */
    public static final class OrderState {
        private long version;
        private String lastEventType;
        private boolean applying;

        public synchronized long version() {
            return version;
        }

        public synchronized String lastEventType() {
            return lastEventType;
        }
    }

    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder concurrent = new LongAdder();
    private final LatencyRecorder lag = new LatencyRecorder(2_000_000);

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String orderId = message.getHeader(EventBusConstants.AGGREGATE_ID, String.class);
        long version = message.getHeader(EventBusConstants.EVENT_VERSION, Long.class);
        Instant timestamp = message.getHeader(EventBusConstants.TIMESTAMP, Instant.class);
        OrderState state = orders.computeIfAbsent(orderId, id -> new OrderState());
        synchronized (state) {
            if (state.applying) {
                concurrent.increment();
            }
            if (version <= state.version) {
                replayed.increment();
                return;
            }
            if (version != state.version + 1) {
                outOfOrder.increment();
            }
            state.version = version;
            state.lastEventType = message.getHeader(EventBusConstants.EVENT_TYPE, String.class);
        }
        applied.increment();
        if (timestamp != null) {
            lag.record(Duration.between(timestamp, Instant.now()).toNanos());
        }
    }

    /** Events applied. */
    public long applied() {
        return applied.sum();
    }

    /** Events whose version was not the order's last version + 1. */
    public long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Events seen again (version at or below the order's version). */
    public long replayed() {
        return replayed.sum();
    }

    /** Events that arrived while another event of the same order was being applied (never expected). */
    public long concurrent() {
        return concurrent.sum();
    }

    /** Number of orders seen. */
    public int orders() {
        return orders.size();
    }

    /** An order's state, or null. */
    public OrderState order(String orderId) {
        return orders.get(orderId);
    }

    /** Lag between event timestamp and application. */
    public LatencyRecorder lag() {
        return lag;
    }
}
