package dev.eventbus.routes;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.eventbus.camel.envelope.Envelope;

/** Counts audited order events per event type. */
public class OrderAudit {

    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();

    /** Records one event. */
    public void record(Envelope event) {
        byType.computeIfAbsent(event.eventType(), t -> new LongAdder()).increment();
    }

    /** Events seen per type. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byType.forEach((type, n) -> counts.put(type, n.sum()));
        return counts;
    }
}
