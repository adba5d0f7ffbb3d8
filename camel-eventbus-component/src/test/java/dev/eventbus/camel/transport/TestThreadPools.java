package dev.eventbus.camel.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain JDK thread pools for tests of the Camel-free packages; remembers its threads so tests can check they ended. */
public final class TestThreadPools implements ThreadPools {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public ExecutorService newFixedPool(String name, int count) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
    }

    @Override
    public void shutdown(ExecutorService pool, long timeoutMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads created so far that are still alive. */
    public long alive() {
        return threads.stream().filter(Thread::isAlive).count();
    }
}
