package dev.eventbus.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.ThreadPools;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * {@link ThreadPools} on Camel's ExecutorServiceManager: pools are tracked by the CamelContext (and force-closed with
 * it), and their threads are named {@code <name>-<n>} (e.g. {@code eventbus-lane-orders-3}) instead of Camel's
 * context-wide thread name pattern. Shutting a pool down waits until its threads have really ended. One instance per
 * CamelContext (a context plugin).
 */
final class CamelThreadPools implements ThreadPools {

    private final ExecutorServiceManager esm;
    private final Map<ExecutorService, PoolName> names = new ConcurrentHashMap<>();

    private CamelThreadPools(ExecutorServiceManager esm) {
        this.esm = esm;
        esm.addThreadFactoryListener(
                (source, factory) -> source instanceof PoolName name ? name.wrap(factory) : factory);
    }

    /** The pools of {@code context}. */
    static CamelThreadPools of(CamelContext context) {
        ExtendedCamelContext ext = context.getCamelContextExtension();
        synchronized (ext) {
            CamelThreadPools pools = ext.getContextPlugin(CamelThreadPools.class);
            if (pools == null) {
                pools = new CamelThreadPools(context.getExecutorServiceManager());
                ext.addContextPlugin(CamelThreadPools.class, pools);
            }
            return pools;
        }
    }

    @Override
    public ExecutorService newFixedPool(String name, int threads) {
        PoolName source = new PoolName(name);
        ExecutorService pool = esm.newFixedThreadPool(source, name, threads);
        names.put(pool, source);
        return pool;
    }

    /**
     * A pool of up to {@code maxThreads} threads for short hand-offs: threads start on demand and end after 60 s idle;
     * the queue is unbounded (it holds at most one task per exchange in flight), and a task is never run on the
     * submitting thread (Camel's default profile would, with CallerRuns, when its queue of 1000 is full).
     */
    ExecutorService newWorkerPool(String name, int maxThreads) {
        ThreadPoolProfile profile = profile(name, maxThreads);
        profile.setKeepAliveTime(60L);
        profile.setTimeUnit(TimeUnit.SECONDS);
        profile.setAllowCoreThreadTimeOut(true);
        PoolName source = new PoolName(name);
        ExecutorService pool = esm.newThreadPool(source, name, profile);
        names.put(pool, source);
        return pool;
    }

    /**
     * One timer thread; its queue is unbounded, so scheduling never fails or runs a task on the caller. Shutting it
     * down drops the tasks still waiting for their time.
     */
    @Override
    public ScheduledExecutorService newTimer(String name) {
        PoolName source = new PoolName(name);
        ScheduledExecutorService pool = esm.newScheduledThreadPool(source, name, profile(name, 1));
        ScheduledThreadPoolExecutor executor = pool instanceof SizedScheduledExecutorService sized
                ? sized.getScheduledThreadPoolExecutor() : (ScheduledThreadPoolExecutor) pool;
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        names.put(pool, source);
        return pool;
    }

    private static ThreadPoolProfile profile(String name, int threads) {
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return profile;
    }

    @Override
    public void shutdown(ExecutorService pool, long timeoutMillis) {
        if (pool == null) {
            return;
        }
        esm.shutdownGraceful(pool, timeoutMillis);
        PoolName source = names.remove(pool);
        if (source != null) {
            source.join(timeoutMillis);
        }
    }

    /** The ESM "source" of one pool: carries the thread name prefix and remembers the threads it named. */
    private static final class PoolName {
        private final String name;
        private final AtomicInteger counter = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        PoolName(String name) {
            this.name = name;
        }

        ThreadFactory wrap(ThreadFactory factory) {
            return runnable -> {
                Thread thread = factory.newThread(runnable);
                thread.setName(name + "-" + counter.incrementAndGet());
                // worker threads end when idle and come back on demand: forget the ended ones
                threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
                threads.add(thread);
                return thread;
            };
        }

        void join(long timeoutMillis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (Thread thread : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (thread == Thread.currentThread() || left <= 0) {
                    continue;
                }
                try {
                    thread.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
