package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.GoPeer;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.NotifyBuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java side of a test with the Go peer: checks each aggregate's order as the route sees it ({@link OrderChecker}),
 * records the lane threads that ran the route (race-free set), and builds the Java publishers' waves.
 */
final class PeerCheck {

    final OrderChecker order = new OrderChecker();
    private final Set<String> lanes = ConcurrentHashMap.newKeySet();
    /** Events whose trace, correlation and tenant ids arrived as the Go peer writes them (tenant 42). */
    final AtomicLong goIds = new AtomicLong();

    /** The route step: on the lane thread, the event's version must follow the aggregate's last one. */
    void record(Exchange exchange) {
        lanes.add(Thread.currentThread().getName());
        String aggregate = exchange.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class);
        long version = exchange.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
        order.begin(aggregate, version);
        order.end(aggregate, version);
        Message message = exchange.getMessage();
        if (Long.valueOf(42).equals(message.getHeader(EventBusConstants.TENANT_ID, Long.class))
                && ("trace-" + aggregate).equals(message.getHeader(EventBusConstants.TRACE_ID))
                && ("corr-" + aggregate).equals(message.getHeader(EventBusConstants.CORRELATION_ID))) {
            goIds.incrementAndGet();
        }
    }

    /** The route completed all {@code aggregates × versions} events of {@code prefix-*} in order, on several lanes. */
    void assertReadAllInOrder(NotifyBuilder done, String prefix, int aggregates, int versions) {
        long total = (long) aggregates * versions;
        assertTrue(done.matches(30, TimeUnit.SECONDS), "only " + order.completed.get() + " of " + total);
        assertEquals(0, order.violations.get(), "order violations");
        assertEquals(0, lost(prefix, aggregates, versions), "lost");
        assertEquals(total, order.completed.get(), "processed");
        assertTrue(lanesUsed() > 1, "lanes " + lanes());
    }

    /** The Go consumer read all {@code aggregates × versions} events valid, in order, once, none split over partitions. */
    static void assertGoReadAllInOrder(GoPeer.Summary summary, int aggregates, int versions) {
        assertEquals(aggregates * versions, summary.count(), summary.toString());
        assertEquals(aggregates, summary.aggregates(), summary.toString());
        assertEquals(0, summary.invalid(), summary.toString());
        assertEquals(0, summary.headerMismatches(), summary.toString());
        assertEquals(0, summary.violations(), summary.toString());
        assertEquals(0, summary.duplicates(), summary.toString());
        assertEquals(0, summary.lost(), summary.toString());
        assertEquals(0, summary.partitionSplits(), "aggregates found on two partitions: " + summary);
    }

    /** The distinct lane threads ({@code eventbus-lane-*}) that ran the route; other names are kept too, to show. */
    Set<String> lanes() {
        return Set.copyOf(lanes);
    }

    long lanesUsed() {
        return lanes.stream().filter(n -> n.startsWith("eventbus-lane-")).count();
    }

    /** Versions of {@code prefix-0..n-1} up to {@code versions} that the route never saw. */
    long lost(String prefix, int aggregates, int versions) {
        long lost = 0;
        for (int a = 0; a < aggregates; a++) {
            lost += Math.max(0, versions - order.lastVersion(prefix + "-" + a));
        }
        return lost;
    }

    /** Version {@code v} of aggregates {@code prefix-0..n-1}, with trace, correlation and tenant ids. */
    static List<Envelope> wave(String prefix, int aggregates, int v, String eventType) {
        List<Envelope> wave = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            String id = prefix + "-" + a;
            wave.add(Envelope.builder().aggregateId(id).eventType(eventType).eventVersion(v).traceId("trace-" + id)
                    .correlationId("corr-" + id).tenantId(7).payload("{\"aggregate\":\"" + id + "\",\"version\":" + v
                            + ",\"by\":\"java\"}")
                    .build());
        }
        return wave;
    }

    /** The one-line summary of a mixed run, for the test output. */
    String summary(String transport, int aggregates, int versions, GoPeer.Summary go) {
        return "go-peer mixed " + transport + ": aggregates=" + aggregates + " versions=" + versions + " events="
                + aggregates * versions + " | java: lanes used=" + lanesUsed() + " violations=" + order.violations.get()
                + " lost=" + lost("mix", aggregates, versions) + " | go: count=" + go.count() + " violations="
                + go.violations() + " duplicates=" + go.duplicates() + " invalid=" + go.invalid() + " lost=" + go.lost()
                + " partitionSplits=" + go.partitionSplits();
    }
}
