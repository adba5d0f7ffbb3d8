package dev.eventbus.examples.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkTest {

    @Test
    void parsesTheOptionValues() {
        assertEquals(Work.NONE, Work.parse("none"));
        assertEquals(Work.BLOCKING_1MS_5PCT, Work.parse("blocking-1ms-5pct"));
        assertThrows(IllegalArgumentException.class, () -> Work.parse("blocking"));
    }

    /** Every 20th message blocks at least 1 ms (a lower bound only: how much longer depends on the machine). */
    @Test
    void blocksOnEveryTwentiethMessage() {
        for (int index : new int[]{0, 20, 40}) {
            long start = System.nanoTime();
            Work.BLOCKING_1MS_5PCT.on(index);
            assertTrue(System.nanoTime() - start >= 1_000_000, "message " + index + " blocked 1 ms");
        }
    }
}
