package dev.eventbus.camel.transport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aWaitingAcquireIsWokenOncePerBatchOfReturnedPermitsNotPerPermit() throws Exception {
        InFlightLimit limit = new InFlightLimit(16); // batch: 4
        assertEquals(4, limit.batch());
        assertEquals(16, limit.tryAcquireUpTo(16));
        CompletableFuture<Integer> taken = waiting(limit, () -> limit.acquireUpTo(8, 30, TimeUnit.SECONDS));
        limit.release(1);
        limit.release(1);
        limit.release(1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !taken.isDone());
        limit.release(1);
        assertEquals(4, taken.get(10, TimeUnit.SECONDS));
        assertEquals(16, limit.inFlight());
    }

    @Test
    void atTheTimeoutAWaitingAcquireTakesWhatIsFree() throws Exception {
        InFlightLimit limit = new InFlightLimit(16);
        limit.tryAcquireUpTo(16);
        limit.release(1);
        assertEquals(1, limit.acquireUpTo(8, 50, TimeUnit.MILLISECONDS));
        assertEquals(0, limit.acquireUpTo(8, 20, TimeUnit.MILLISECONDS));
        limit.release(2);
        // wanting fewer than a batch, it waits for no more than it wants
        assertEquals(2, limit.acquireUpTo(2, 10, TimeUnit.SECONDS));
    }

    @Test
    void awaitAvailableWaitsForThatManyFreeWithoutTakingThem() throws Exception {
        InFlightLimit limit = new InFlightLimit(16);
        limit.tryAcquireUpTo(16);
        assertFalse(limit.awaitAvailable(4, 20, TimeUnit.MILLISECONDS));
        CompletableFuture<Boolean> free = waiting(limit, () -> limit.awaitAvailable(4, 30, TimeUnit.SECONDS));
        limit.release(3);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !free.isDone());
        limit.release(1);
        assertTrue(free.get(10, TimeUnit.SECONDS));
        assertEquals(12, limit.inFlight());
        // more than the bound: waits for all of them
        limit.release(12);
        assertTrue(limit.awaitAvailable(100, 1, TimeUnit.MILLISECONDS));
    }

    /** Runs {@code call} on another thread and returns once it waits on {@code limit}. */
    private static <T> CompletableFuture<T> waiting(InFlightLimit limit, Callable<T> call) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> limit.waiters() == 1);
        return result;
    }

    @Test
    void refusesABoundBelowOneAndOverRelease() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
        InFlightLimit limit = new InFlightLimit(2);
        assertThrows(IllegalStateException.class, () -> limit.release(1));
    }
}
