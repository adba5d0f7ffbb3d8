package dev.eventbus.camel.ordering;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateVersionsTest {

    @Test
    void versionsAtOrBelowTheLastProcessedAreDuplicates() {
        AggregateVersions versions = new AggregateVersions(10);
        assertFalse(versions.isDuplicate("a", 1));
        versions.processed("a", 3);
        assertTrue(versions.isDuplicate("a", 3));
        assertTrue(versions.isDuplicate("a", 2));
        assertFalse(versions.isDuplicate("a", 4));
        versions.processed("a", 2);
        assertTrue(versions.isDuplicate("a", 3), "an older version never lowers the mark");
    }

    @Test
    void forgetsTheLeastRecentlyUsedAggregatesBeyondCapacity() {
        AggregateVersions versions = new AggregateVersions(2);
        versions.processed("a", 1);
        versions.processed("b", 1);
        versions.isDuplicate("a", 1);
        versions.processed("c", 1);
        assertEquals(2, versions.size());
        assertTrue(versions.isDuplicate("a", 1));
        assertFalse(versions.isDuplicate("b", 1), "b was least recently used and is forgotten");
    }
}
