package dev.eventbus.camel.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.TestThreadPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyedLanesTest {

    private final TestThreadPools threads = new TestThreadPools();
    private KeyedLanes<long[]> lanes;

    @AfterEach
    void stop() {
        if (lanes != null) {
            lanes.stop(5000);
        }
    }

    @Test
    void itemsOfOneKeyRunOneAtATimeInOrderWhileKeysRunInParallel() throws Exception {
        runOrdered(false);
    }

    @Test
    void batchesSubmittedAtOnceKeepThePerKeyOrder() throws Exception {
        runOrdered(true);
    }

    private void runOrdered(boolean batched) throws Exception {
        int keys = 200;
        int perKey = 200;
        Map<String, long[]> last = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        AtomicInteger parallel = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(keys * perKey);
        lanes = new KeyedLanes<>("eventbus-lane-test", 8, (lane, item, attempt) -> {
            String key = "agg-" + item[0];
            if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() != 1) {
                violations.incrementAndGet();
            }
            maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
            long[] previous = last.computeIfAbsent(key, k -> new long[1]);
            if (item[1] != previous[0] + 1) {
                violations.incrementAndGet();
            }
            previous[0] = item[1];
            if (ThreadLocalRandom.current().nextInt(50) == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            parallel.decrementAndGet();
            running.get(key).decrementAndGet();
            done.countDown();
            return Outcome.done();
        }, threads);
        lanes.start();
        List<String> batchKeys = new ArrayList<>();
        List<long[]> batch = new ArrayList<>();
        for (int v = 1; v <= perKey; v++) {
            for (int k = 0; k < keys; k++) {
                if (!batched) {
                    lanes.submit("agg-" + k, new long[]{k, v});
                    continue;
                }
                batchKeys.add("agg-" + k);
                batch.add(new long[]{k, v});
                if (batch.size() == 250) {
                    lanes.submitAll(batchKeys, batch);
                    batchKeys = new ArrayList<>();
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            lanes.submitAll(batchKeys, batch);
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, violations.get());
        assertTrue(maxParallel.get() > 1, "lanes never ran in parallel");
    }

    @Test
    void workNeverRunsOnTheSubmittingThread() throws Exception {
        List<String> workers = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(5000);
        lanes = new KeyedLanes<>("eventbus-lane-names", 2, (lane, item, attempt) -> {
            workers.add(Thread.currentThread().getName());
            done.countDown();
            return Outcome.done();
        }, threads);
        lanes.start();
        for (int i = 0; i < 5000; i++) {
            lanes.submit("k" + i, new long[]{i, 1});
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(workers.stream().allMatch(n -> n.startsWith("eventbus-lane-names-")), workers.get(0));
    }

    @Test
    void aRetryingKeyHoldsItsLaterItemsBackButNotOtherKeys() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        lanes = new KeyedLanes<>("eventbus-lane-retry", 1, (lane, item, attempt) -> {
            String label = (item[0] == 0 ? "a" : "b") + item[1];
            seen.add(label + "#" + attempt);
            if (item[0] == 0 && item[1] == 1 && attempt < 3) {
                return Outcome.retryAfter(50);
            }
            done.countDown();
            return Outcome.done();
        }, threads);
        lanes.start();
        lanes.submit("a", new long[]{0, 1});
        lanes.submit("a", new long[]{0, 2});
        lanes.submit("b", new long[]{1, 1});
        lanes.submit("b", new long[]{1, 2});
        assertTrue(done.await(10, TimeUnit.SECONDS));
        List<String> order = new ArrayList<>(seen);
        assertEquals(List.of("a1#1", "b1#1", "b2#1", "a1#2", "a1#3", "a2#1"), order);
        await().atMost(5, TimeUnit.SECONDS).until(() -> lanes.pending() == 0);
    }

    @Test
    void stopEndsEveryLaneThread() throws Exception {
        CountDownLatch done = new CountDownLatch(100);
        lanes = new KeyedLanes<>("eventbus-lane-stop", 4, (lane, item, attempt) -> {
            done.countDown();
            return Outcome.done();
        }, threads);
        lanes.start();
        for (int i = 0; i < 100; i++) {
            lanes.submit("k" + i, new long[]{i, 1});
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        lanes.stop(5000);
        lanes = null;
        await().atMost(5, TimeUnit.SECONDS).until(() -> threads.alive() == 0);
    }
}
