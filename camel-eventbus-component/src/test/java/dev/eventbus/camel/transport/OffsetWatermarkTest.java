package dev.eventbus.camel.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetWatermarkTest {

    @Test
    void commitsOnlyBelowTheFirstIncompletePosition() {
        OffsetWatermark w = new OffsetWatermark(10);
        assertEquals(10, w.committable());
        for (long o = 10; o < 15; o++) {
            w.track(o);
        }
        assertFalse(w.complete(12));
        assertFalse(w.complete(11));
        assertEquals(10, w.committable());
        assertTrue(w.complete(10));
        assertEquals(13, w.committable());
        w.complete(14);
        assertEquals(13, w.committable());
        w.complete(13);
        assertEquals(15, w.committable());
        assertEquals(0, w.pending());
    }

    @Test
    void gapsInPositionsAreSkipped() {
        OffsetWatermark w = new OffsetWatermark(0);
        w.track(0);
        w.track(5);
        w.track(9);
        w.complete(5);
        assertEquals(0, w.committable());
        w.complete(0);
        assertEquals(9, w.committable());
        w.complete(9);
        assertEquals(10, w.committable());
    }

    @Test
    void randomCompletionOrderNeverCommitsAnUnfinishedPosition() {
        Random random = new Random(42);
        OffsetWatermark w = new OffsetWatermark(0);
        int n = 10_000;
        for (long o = 0; o < n; o++) {
            w.track(o);
        }
        List<Long> order = new ArrayList<>();
        for (long o = 0; o < n; o++) {
            order.add(o);
        }
        Collections.shuffle(order, random);
        boolean[] done = new boolean[n];
        for (long o : order) {
            w.complete(o);
            done[(int) o] = true;
            long committable = w.committable();
            for (int i = 0; i < committable; i++) {
                assertTrue(done[i], "committed past unfinished position " + i);
            }
            assertTrue(committable == n || !done[(int) committable]);
        }
        assertEquals(n, w.committable());
    }

    @Test
    void refusesPositionsOutOfOrder() {
        OffsetWatermark w = new OffsetWatermark(5);
        w.track(6);
        assertThrows(IllegalArgumentException.class, () -> w.track(6));
        assertThrows(IllegalArgumentException.class, () -> w.track(3));
    }

    @Test
    void completingUnknownPositionsChangesNothing() {
        OffsetWatermark w = new OffsetWatermark(0);
        w.track(0);
        assertFalse(w.complete(7));
        assertEquals(0, w.committable());
    }
}
