package dev.eventbus.camel.health;

import java.util.concurrent.atomic.AtomicReference;

import dev.eventbus.camel.consumer.InProcessEvents.OldestEvent;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stuck-event liveness check's decisions on a stub oldest event. */
class StuckEventCheckTest {

    private final AtomicReference<OldestEvent> oldest = new AtomicReference<>();
    private final StuckEventCheck check = new StuckEventCheck("billing", oldest::get, 1000);

    @Test
    void idleOrYoungEventsAreUpAnOldOneIsDownNamingIt() {
        assertEquals("eventbus-stuck:billing", check.getId());
        assertTrue(check.isLiveness());
        assertFalse(check.isReadiness());
        assertEquals(HealthCheck.State.UP, check.call().getState());

        oldest.set(new OldestEvent("orders", 2, 41, "order-7", 3, 1000));
        assertEquals(HealthCheck.State.UP, check.call().getState());

        oldest.set(new OldestEvent("orders", 2, 41, "order-7", 3, 1001));
        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertEquals("order-7", down.getDetails().get("aggregate.id"));
        assertEquals(41L, down.getDetails().get("offset"));
        assertEquals(2, down.getDetails().get("partition"));
        assertEquals(3, down.getDetails().get("delivery.count"));
        assertTrue(down.getMessage().orElseThrow().contains("aggregate order-7 at orders/2@41 (delivery 3)"),
                down.getMessage().orElseThrow());

        oldest.set(null);
        assertEquals(HealthCheck.State.UP, check.call().getState());
    }
}
