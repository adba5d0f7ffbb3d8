package dev.eventbus.camel.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.EventBusConstants;
import org.apache.camel.Exchange;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.RouteDefinition;

/**
 * Race-free per-aggregate order checker: each aggregate's state is guarded by its own lock, so it is correct whatever
 * threads call it. An event of an aggregate must begin only when the previous one ended, with version last + 1.
 */
public final class OrderChecker {

    private static final class State {
        long lastVersion;
        boolean busy;
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    public final AtomicLong violations = new AtomicLong();
    public final AtomicLong overlaps = new AtomicLong();
    public final AtomicLong completed = new AtomicLong();

    public void begin(String aggregateId, long version) {
        State state = states.computeIfAbsent(aggregateId, a -> new State());
        synchronized (state) {
            if (state.busy) {
                overlaps.incrementAndGet();
            }
            state.busy = true;
            if (version != state.lastVersion + 1) {
                violations.incrementAndGet();
            }
        }
    }

    public void end(String aggregateId, long version) {
        State state = states.get(aggregateId);
        synchronized (state) {
            state.busy = false;
            state.lastVersion = Math.max(state.lastVersion, version);
        }
        completed.incrementAndGet();
    }

    /**
     * Appends the checked part of an ordering test route: {@link #begin}, an asynchronous step (the exchange
     * continues on the delayer's thread 0-1 ms later), {@link #end}.
     */
    public RouteDefinition checkedAsyncStep(RouteDefinition route) {
        route.process(e -> begin(aggregateId(e), version(e)));
        route.delay(Builder.simple("${random(0,2)}")).asyncDelayed();
        route.process(e -> end(aggregateId(e), version(e)));
        return route;
    }

    private static String aggregateId(Exchange exchange) {
        return exchange.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
    }

    private static long version(Exchange exchange) {
        return exchange.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
    }

    public long lastVersion(String aggregateId) {
        State state = states.get(aggregateId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.lastVersion;
        }
    }
}
