package dev.eventbus.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {

    @Test
    void countsWhatThisThreadAllocatedAmongTheOtherThreads() {
        Memory memory = Memory.startCounting();
        byte[][] blocks = new byte[10][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new byte[1 << 20];
        }
        memory.sample();

        long[] allocated = memory.allocated();
        assertTrue(allocated[1] >= 10L << 20, "10 MiB counted, was " + allocated[1] + " B");
        assertTrue(allocated[0] == 0, "no publisher thread ran");
        assertTrue(blocks[9].length == 1 << 20);
    }

    @Test
    void heapAfterGcIsPositive() {
        assertTrue(Memory.heapAfterGc() > 0);
    }
}
