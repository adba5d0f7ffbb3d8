package dev.eventbus.camel;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerHandoffTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "eventbus-worker-test"));
    private final AtomicInteger submits = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private WorkerHandoff handoff(int maxDrainers) {
        return new WorkerHandoff(task -> {
            submits.incrementAndGet();
            pool.execute(task);
        }, maxDrainers);
    }

    @Test
    void runsEveryTaskOnAWorkerInHandOverOrderWhenOneDrainerServes() throws Exception {
        WorkerHandoff handoff = handoff(1);
        CountDownLatch hold = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        handoff.execute(() -> awaitQuietly(hold));
        for (int i = 0; i < 1000; i++) {
            int n = i;
            handoff.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
            });
        }
        hold.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 1000);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals(Set.of("eventbus-worker-test"), threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> handoff.drainers() == 0);
    }

    @Test
    void aBurstHandedOverWhileTheDrainersAreBusyCostsNoPoolSubmitPerTask() throws Exception {
        WorkerHandoff handoff = handoff(1);
        AtomicInteger ran = new AtomicInteger();
        // the burst is handed over from inside the one drainer's task: it is busy, the bound is reached, so every
        // task queues, and the drainer runs them all once its task returned
        handoff.execute(() -> {
            for (int i = 0; i < 500; i++) {
                handoff.execute(ran::incrementAndGet);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 500);
        assertEquals(1, submits.get(), "pool submits for 501 tasks");
        await().atMost(Duration.ofSeconds(10)).until(() -> handoff.drainers() == 0);
    }

    @Test
    void aTaskThatBlocksHoldsUpNoOtherTask() throws Exception {
        WorkerHandoff handoff = handoff(4);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handoff.execute(() -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        CountDownLatch others = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            handoff.execute(others::countDown);
        }
        assertTrue(others.await(10, TimeUnit.SECONDS), "tasks waited for a blocked one");
        assertFalse(release.getCount() == 0);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handoff.drainers() == 0);
    }

    @Test
    void aRejectingPoolGetsTheTasksRunOnTheCaller() {
        pool.shutdown();
        WorkerHandoff handoff = handoff(4);
        List<String> threads = new CopyOnWriteArrayList<>();
        handoff.execute(() -> threads.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), threads);
        assertEquals(0, handoff.drainers());
    }

    @Test
    void manyThreadsHandingOverConcurrentlyLoseNoTask() throws Exception {
        WorkerHandoff handoff = handoff(3);
        AtomicInteger ran = new AtomicInteger();
        int threads = 4;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < each; i++) {
                    handoff.execute(ran::incrementAndGet);
                }
            });
            senders.add(sender);
            sender.start();
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(30));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ran.get() == threads * each);
        await().atMost(Duration.ofSeconds(10)).until(() -> handoff.drainers() == 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
