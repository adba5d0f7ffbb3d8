package dev.eventbus.camel.ordering;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResequencerTest {

    private final AggregateVersions versions = new AggregateVersions(100);
    private final Resequencer resequencer = new Resequencer(2000);
    private static final long NOW = 1_000_000_000_000L;

    private Resequencer.Kind decide(long version, long heldSince, long now) {
        return resequencer.decide(versions, "a", version, true, heldSince, now).kind();
    }

    @Test
    void theFirstEventOfAnUnknownAggregateIsProcessedAtOnce() {
        assertEquals(Resequencer.Kind.PROCESS, decide(7, 0, NOW));
    }

    @Test
    void theNextVersionIsProcessedAndOlderOnesAreDuplicates() {
        versions.processed("a", 3);
        assertEquals(Resequencer.Kind.PROCESS, decide(4, 0, NOW));
        assertEquals(Resequencer.Kind.DUPLICATE, decide(3, 0, NOW));
        assertEquals(Resequencer.Kind.DUPLICATE, decide(1, 0, NOW));
        assertEquals(Resequencer.Kind.PROCESS,
                resequencer.decide(versions, "a", 3, false, 0, NOW).kind(), "without duplicate skipping");
    }

    @Test
    void aLaterVersionIsHeldForTheRestOfTheTimeoutThenProcessed() {
        versions.processed("a", 3);
        Resequencer.Decision first = resequencer.decide(versions, "a", 5, true, 0, NOW);
        assertEquals(Resequencer.Kind.HOLD, first.kind());
        assertEquals(2000, first.holdMillis());
        long heldSince = NOW;
        Resequencer.Decision later = resequencer.decide(versions, "a", 5, true, heldSince,
                NOW + TimeUnit.MILLISECONDS.toNanos(1500));
        assertEquals(Resequencer.Kind.HOLD, later.kind());
        assertEquals(500, later.holdMillis());
        assertEquals(Resequencer.Kind.PROCESS, decide(5, heldSince, NOW + TimeUnit.MILLISECONDS.toNanos(2000)));
    }

    @Test
    void offNeverHolds() {
        versions.processed("a", 3);
        assertEquals(Resequencer.Kind.PROCESS, Resequencer.OFF.decide(versions, "a", 9, true, 0, NOW).kind());
        assertEquals(Resequencer.Kind.DUPLICATE, Resequencer.OFF.decide(versions, "a", 2, true, 0, NOW).kind());
        assertTrue(!Resequencer.OFF.enabled());
    }
}
