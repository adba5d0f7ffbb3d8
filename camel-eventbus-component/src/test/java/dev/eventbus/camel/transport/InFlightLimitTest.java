package dev.eventbus.camel.transport;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightLimitTest {

    @Test
    void neverHandsOutMoreThanTheBound() throws Exception {
        InFlightLimit limit = new InFlightLimit(10);
        assertEquals(6, limit.tryAcquireUpTo(6));
        assertEquals(4, limit.tryAcquireUpTo(6));
        assertEquals(0, limit.tryAcquireUpTo(1));
        assertEquals(0, limit.acquireUpTo(1, 20, TimeUnit.MILLISECONDS));
        limit.release(3);
        assertEquals(3, limit.acquireUpTo(5, 1, TimeUnit.SECONDS));
        assertEquals(10, limit.peak());
    }

    @Test
    void aWaitingAcquireWakesWhenPermitsReturn() throws Exception {
        InFlightLimit limit = new InFlightLimit(1);
        limit.tryAcquireUpTo(1);
        Thread releaser = new Thread(() -> limit.release(1));
        releaser.start();
        assertEquals(1, limit.acquireUpTo(1, 10, TimeUnit.SECONDS));
        releaser.join();
        limit.release(1);
        assertTrue(limit.awaitIdle(1, TimeUnit.SECONDS));
    }

    @Test
    void refusesABoundBelowOneAndOverRelease() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
        InFlightLimit limit = new InFlightLimit(2);
        assertThrows(IllegalStateException.class, () -> limit.release(1));
    }
}
