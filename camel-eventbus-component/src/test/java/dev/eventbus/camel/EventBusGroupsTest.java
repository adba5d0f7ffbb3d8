package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes of one group share the events; every group gets all of them. */
class EventBusGroupsTest extends EventBusTestSupport {

    private final Map<String, AtomicInteger> perRoute = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perEventInBilling = new ConcurrentHashMap<>();
    private final OrderChecker billingOrder = new OrderChecker();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String route : new String[]{"billing-a", "billing-b"}) {
                    from("eventbus:invoices?groupId=billing&concurrency=4").routeId(route)
                            .process(e -> {
                                String aggregate = e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID,
                                        String.class);
                                long version = e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class);
                                billingOrder.begin(aggregate, version);
                                count(route);
                                perEventInBilling.computeIfAbsent(e.getMessage().getHeader(EventBusConstants.EVENT_ID,
                                        String.class), k -> new AtomicInteger()).incrementAndGet();
                                billingOrder.end(aggregate, version);
                            });
                }
                from("eventbus:invoices?groupId=reporting").routeId("reporting").process(e -> count("reporting"));
            }
        };
    }

    private void count(String route) {
        perRoute.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void membersOfAGroupShareTheEventsAndEveryGroupGetsThemAll() {
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= 50; v++) {
            for (int a = 0; a < 40; a++) {
                batch.add(Envelope.builder().aggregateId("inv-" + a).eventType("Billed").eventVersion(v).payload("{}")
                        .build());
            }
        }
        template.sendBody("eventbus:invoices", batch);

        await().atMost(20, TimeUnit.SECONDS).until(() -> billingOrder.completed.get() == 2000
                && countOf("reporting") == 2000);
        assertEquals(2000, perEventInBilling.size());
        assertTrue(perEventInBilling.values().stream().allMatch(n -> n.get() == 1), "an event reached billing twice");
        assertTrue(countOf("billing-a") > 0 && countOf("billing-b") > 0, perRoute.toString());
        assertEquals(0, billingOrder.violations.get());
        assertEquals(0, billingOrder.overlaps.get());
    }

    private int countOf(String route) {
        AtomicInteger n = perRoute.get(route);
        return n == null ? 0 : n.get();
    }
}
