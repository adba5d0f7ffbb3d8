package dev.eventbus.examples;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Memory figures of a demo run: heap used after a full GC before the CamelContext starts and after the last event was
 * applied (the context still running, so the consumer's buffers and state count), and the bytes allocated during the
 * run summed over the JVM's threads (HotSpot's per-thread allocation counter,
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), split into the publishing threads and the rest
 * (consumer lanes, transport threads, the progress meter). A thread counts up to the last {@link #sample()} that saw
 * it alive: the demo samples before it shuts the publishers' pool down and at the end (the Camel pools keep their
 * threads). Called by the demo's main thread only.
 */
final class Memory {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private final Map<Long, Long> allocatedBefore = new HashMap<>();
    private final Map<Long, Long> allocatedLast = new HashMap<>();
    private final Map<Long, Boolean> publisher = new HashMap<>();

    private Memory() {
    }

    /** Heap used after a full GC, in bytes. */
    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Starts counting allocation: remembers every live thread's counter. */
    static Memory startCounting() {
        Memory memory = new Memory();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            memory.allocatedBefore.put(thread.getId(), THREADS.getThreadAllocatedBytes(thread.getId()));
        }
        return memory;
    }

    /** Reads every live thread's allocation counter. */
    void sample() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long now = THREADS.getThreadAllocatedBytes(thread.getId());
            if (now >= 0) { // -1: ended meanwhile
                allocatedLast.put(thread.getId(), now);
                publisher.put(thread.getId(), thread.getName().contains("demo-publisher"));
            }
        }
    }

    /** Bytes allocated from {@link #startCounting()} to the last {@link #sample()}: {@code [publishers, others]}. */
    long[] allocated() {
        long publishers = 0;
        long others = 0;
        for (Map.Entry<Long, Long> last : allocatedLast.entrySet()) {
            long bytes = last.getValue() - allocatedBefore.getOrDefault(last.getKey(), 0L);
            if (publisher.get(last.getKey())) {
                publishers += bytes;
            } else {
                others += bytes;
            }
        }
        return new long[]{publishers, others};
    }

    /** The figures of one run, for the summary. */
    record Figures(long heapBeforeStart, long heapAfterRun, long publisherBytes, long otherBytes) {

        String summary(int events) {
            return String.format(
                    "heap used %,.1f MiB after the run (after GC; %,.1f MiB before start), allocated %,.0f B/event"
                            + " (publishers %,.0f, consumer side and the rest %,.0f)",
                    heapAfterRun / 1048576.0, heapBeforeStart / 1048576.0,
                    (publisherBytes + otherBytes) / (double) events, publisherBytes / (double) events,
                    otherBytes / (double) events);
        }
    }
}
