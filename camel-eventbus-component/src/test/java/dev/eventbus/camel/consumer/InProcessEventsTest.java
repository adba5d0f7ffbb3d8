package dev.eventbus.camel.consumer;

import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The oldest unfinished event across lanes, as the stuck-event check reads it. */
class InProcessEventsTest {

    private final InProcessEvents events = new InProcessEvents(2);

    @Test
    void theOldestUnfinishedEventOfAnyLaneIsReportedUntilItFinishes() {
        assertNull(events.oldest());
        InboundEvent a = event("a", 10);
        InboundEvent b = event("b", 11);
        InboundEvent c = event("c", 12);
        events.started(0, a);
        events.started(1, b);
        events.started(0, c);
        assertEquals("a", events.oldest().aggregateId());
        assertEquals(10, events.oldest().offset());

        events.started(0, a); // a later attempt of a parked event changes nothing
        events.finished(0, c); // a newer one of the same lane finishes: a is still the oldest
        assertEquals("a", events.oldest().aggregateId());

        events.finished(0, a);
        assertEquals("b", events.oldest().aggregateId());
        events.finished(1, b);
        events.finished(1, b); // twice: no harm
        assertNull(events.oldest());
    }

    @Test
    void theDeliveryCountCountsTheRouteAttempts() {
        InboundEvent a = event("a", 1);
        events.started(0, a);
        assertEquals(1, events.oldest().deliveryCount());
        a.routeAttempts = 3;
        assertEquals(3, events.oldest().deliveryCount());
        assertEquals("t", events.oldest().topic());
    }

    @Test
    void aFinishedEventInTheMiddleIsUnlinked() {
        InboundEvent a = event("a", 1);
        InboundEvent b = event("b", 2);
        InboundEvent c = event("c", 3);
        events.started(0, a);
        events.started(0, b);
        events.started(0, c);
        events.finished(0, b);
        events.finished(0, a);
        assertEquals("c", events.oldest().aggregateId());
        events.finished(0, c);
        assertNull(events.oldest());
        events.started(0, b); // the list is usable again
        assertEquals("b", events.oldest().aggregateId());
    }

    private static InboundEvent event(String aggregate, long offset) {
        Envelope envelope = Envelope.builder().aggregateId(aggregate).eventType("T").eventVersion(1).payload("{}")
                .build();
        return new InboundEvent(new StubDelivery(aggregate, new byte[0], Map.of(), offset), envelope, null);
    }
}
