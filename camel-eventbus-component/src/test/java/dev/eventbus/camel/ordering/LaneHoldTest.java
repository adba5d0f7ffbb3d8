package dev.eventbus.camel.ordering;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.TestThreadPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-aggregate resequencing on the lanes: {@link Outcome#hold} with {@link Resequencer}, as the consumer uses it. */
class LaneHoldTest {

    private final TestThreadPools threads = new TestThreadPools();
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private KeyedLanes<long[]> lanes;

    /** Items are {aggregate, version, heldSinceNanos, failuresLeft}. */
    private KeyedLanes<long[]> lanes(long timeoutMillis, int laneCount) {
        Resequencer resequencer = new Resequencer(timeoutMillis);
        AggregateVersions[] versions = new AggregateVersions[laneCount];
        for (int i = 0; i < laneCount; i++) {
            versions[i] = new AggregateVersions(1000);
        }
        lanes = new KeyedLanes<>("eventbus-lane-hold", laneCount, (lane, item, attempt) -> {
            String key = "agg-" + item[0];
            Resequencer.Decision decision = resequencer.decide(versions[lane], key, item[1], true, item[2],
                    System.nanoTime());
            if (decision.kind() == Resequencer.Kind.HOLD) {
                if (item[2] == 0) {
                    item[2] = System.nanoTime();
                }
                return Outcome.hold(decision.holdMillis());
            }
            if (decision.kind() == Resequencer.Kind.DUPLICATE) {
                return Outcome.done();
            }
            if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                if (item[3] > 0) {
                    item[3]--;
                    return Outcome.retryAfter(5);
                }
                versions[lane].processed(key, item[1]);
                processed.add(key + ":" + item[1]);
                return Outcome.done();
            } finally {
                running.get(key).decrementAndGet();
            }
        }, threads);
        lanes.start();
        return lanes;
    }

    @AfterEach
    void stop() {
        lanes.stop(5000);
    }

    private void submit(long aggregate, long version) {
        submit(aggregate, version, 0);
    }

    private void submit(long aggregate, long version, long failures) {
        lanes.submit("agg-" + aggregate, new long[]{aggregate, version, 0, failures});
    }

    @Test
    void aLaterVersionWaitsForTheRedeliveredEarlierOneWhileOtherAggregatesFlow() {
        lanes(10_000, 1);
        submit(1, 1);
        submit(1, 3); // 2 was redelivered later
        submit(1, 4);
        submit(2, 1); // another aggregate on the same lane is not blocked
        submit(2, 2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.containsAll(List.of("agg-2:1", "agg-2:2")));
        assertEquals(List.of("agg-1:1"), processed.stream().filter(p -> p.startsWith("agg-1")).toList());

        submit(1, 2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.size() == 6);
        assertEquals(List.of("agg-1:1", "agg-1:2", "agg-1:3", "agg-1:4"),
                processed.stream().filter(p -> p.startsWith("agg-1")).toList());
        assertEquals(0, overlaps.get());
        assertEquals(0, lanes.pending());
    }

    @Test
    void aHeldVersionIsProcessedWhenTheTimeoutPassesAndTheLateOneIsThenADuplicate() {
        lanes(200, 2);
        submit(1, 1);
        submit(1, 3);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.contains("agg-1:3"));
        submit(1, 2);
        submit(1, 4);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.contains("agg-1:4"));
        assertEquals(List.of("agg-1:1", "agg-1:3", "agg-1:4"), processed);
        assertEquals(0, lanes.pending());
    }

    @Test
    void aHeldVersionDoesNotOvertakeAnEarlierOneThatIsRetryingInPlace() {
        lanes(50, 1);
        submit(1, 1);
        submit(1, 2, 20); // fails 20 times, 5 ms apart: longer than the hold timeout
        submit(1, 3);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.size() == 3);
        assertEquals(List.of("agg-1:1", "agg-1:2", "agg-1:3"), processed);
        assertEquals(0, overlaps.get());
    }

    @Test
    void manyHeldVersionsAreReleasedInOrder() {
        lanes(10_000, 1);
        submit(1, 1);
        for (long v = 10; v >= 3; v--) {
            submit(1, v);
        }
        submit(1, 2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> processed.size() == 10);
        for (int i = 0; i < 10; i++) {
            assertEquals("agg-1:" + (i + 1), processed.get(i));
        }
        assertTrue(lanes.pending() == 0);
    }
}
