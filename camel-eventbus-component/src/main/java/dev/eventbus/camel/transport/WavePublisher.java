package dev.eventbus.camel.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a batch so that no key (aggregate) gets a hole: when a record fails, no later record of its key from the same
 * batch is acknowledged, so a retry of the batch cannot land behind its successors. The batch goes out in waves: the
 * first record of every key, then, once the transport acknowledged all of them, each key's second record, and so on;
 * different keys stay pipelined within a wave. A key whose record failed gets its later records failed unsent. A batch
 * of distinct keys is one wave, so it costs nothing extra.
 * <p>
 * The first wave is sent on the caller's thread (backpressure reaches the caller); later waves on {@code sender},
 * never on the broker client thread that completed the previous wave (it must not block in a send). One deadline covers
 * the batch: the transport gets it for every wave, and shortly after the deadline {@code timer} fails whatever is not
 * acknowledged yet.
 */
public final class WavePublisher implements Publisher {

    /**
     * How long after the deadline the timer fails a batch: the transport's own timeout (which carries the broker
     * client's cause) fires at the deadline and wins when it comes in time; the timer is the backstop.
     */
    static final long EXPIRY_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Publisher delegate;
    private final long timeoutNanos;
    private final Executor sender;
    private final ScheduledExecutorService timer;

    /**
     * @param delegate      the transport's publisher
     * @param timeoutMillis the publish timeout: how long a batch may take in all
     * @param sender        sends the waves after the first
     * @param timer         fails a batch at its deadline
     */
    public WavePublisher(Publisher delegate, long timeoutMillis, Executor sender, ScheduledExecutorService timer) {
        this.delegate = delegate;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
        this.sender = sender;
        this.timer = timer;
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records) {
        return publish(records, System.nanoTime() + timeoutNanos);
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Run run = new Run(records, waves(records), deadlineNanos);
        run.sendWaves();
        return run.result;
    }

    /** Wave k holds the indexes of the k-th record of every key that has one, in batch order. */
    static List<int[]> waves(List<OutboundRecord> records) {
        if (records.size() == 1) {
            return List.of(new int[]{0});
        }
        Map<String, Integer> seen = new HashMap<>();
        List<List<Integer>> waves = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            int wave = seen.merge(records.get(i).key(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(i);
        }
        List<int[]> result = new ArrayList<>(waves.size());
        for (List<Integer> wave : waves) {
            result.add(wave.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    /** One batch on its way. Guarded by itself, except the future. */
    private final class Run {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        final List<OutboundRecord> records;
        final List<int[]> waves;
        final long deadline;
        final Map<Integer, Throwable> failures = new HashMap<>();
        final Set<String> failedKeys = new HashSet<>();
        int next;
        /** The wave awaiting its acknowledgements, if any. */
        int[] inFlight;
        ScheduledFuture<?> expiry;

        Run(List<OutboundRecord> records, List<int[]> waves, long deadline) {
            this.records = records;
            this.waves = waves;
            this.deadline = deadline;
        }

        /** Sends waves until one is pending (its completion continues on the sender) or the batch is done. */
        void sendWaves() {
            while (true) {
                int[] wave = nextWave();
                if (wave == null) {
                    return;
                }
                CompletableFuture<Void> sent = send(wave);
                if (sent.isDone()) {
                    waveDone(wave, sent);
                    continue;
                }
                armTimer();
                sent.whenComplete((ignored, failure) -> {
                    if (waveDone(wave, sent)) {
                        continueOnSender();
                    }
                });
                return;
            }
        }

        private CompletableFuture<Void> send(int[] wave) {
            try {
                return delegate.publish(subList(wave), deadline);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** The next wave's indexes to send, or null when there is nothing more to send (the batch is then finished). */
        private synchronized int[] nextWave() {
            while (!result.isDone() && next < waves.size()) {
                int[] wave = waves.get(next++);
                int[] send = new int[wave.length];
                int n = 0;
                for (int index : wave) {
                    String key = records.get(index).key();
                    if (failedKeys.contains(key)) {
                        failures.put(index, notSent(key));
                    } else {
                        send[n++] = index;
                    }
                }
                if (n > 0) {
                    inFlight = n == wave.length ? send : java.util.Arrays.copyOf(send, n);
                    return inFlight;
                }
            }
            finish();
            return null;
        }

        private List<OutboundRecord> subList(int[] wave) {
            if (wave.length == records.size()) {
                return records;
            }
            List<OutboundRecord> list = new ArrayList<>(wave.length);
            for (int index : wave) {
                list.add(records.get(index));
            }
            return list;
        }

        /**
         * Records the outcome of a wave. When no wave is left to send it finishes the batch right here (completing the
         * future is all that is left), else returns true: the caller has the next wave sent.
         */
        private synchronized boolean waveDone(int[] wave, CompletableFuture<Void> sent) {
            if (inFlight != wave) {
                return false; // the deadline passed first
            }
            inFlight = null;
            Throwable failure = sent.handle((ok, e) -> e).join();
            if (failure instanceof CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            if (failure instanceof PublishException published) {
                published.failures().forEach((i, cause) -> fail(wave[i], cause));
            } else if (failure != null) {
                for (int index : wave) {
                    fail(index, failure);
                }
            }
            if (next < waves.size()) {
                return true;
            }
            finish();
            return false;
        }

        private void fail(int index, Throwable cause) {
            failures.put(index, cause);
            failedKeys.add(records.get(index).key());
        }

        private void continueOnSender() {
            if (result.isDone()) {
                return;
            }
            try {
                sender.execute(this::sendWaves);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    failRemaining(e);
                    finish();
                }
            }
        }

        private void armTimer() {
            synchronized (this) {
                if (expiry != null || result.isDone()) {
                    return;
                }
                long delay = deadline + EXPIRY_GRACE_NANOS - System.nanoTime();
                try {
                    expiry = timer.schedule(this::expire, delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // the component is stopping: the transport's own publish timeout still ends the wave
                }
            }
        }

        private synchronized void expire() {
            if (result.isDone()) {
                return;
            }
            if (inFlight != null) {
                TimeoutException timeout = new TimeoutException("not acknowledged within the publish timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                for (int index : inFlight) {
                    fail(index, timeout);
                }
                inFlight = null;
            }
            failRemaining(new TimeoutException("not sent within the publish timeout of "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            finish();
        }

        /** Fails every record of the waves not sent yet. */
        private void failRemaining(Throwable cause) {
            for (; next < waves.size(); next++) {
                for (int index : waves.get(next)) {
                    String key = records.get(index).key();
                    failures.put(index, failedKeys.contains(key) ? notSent(key) : cause);
                }
            }
        }

        private void finish() {
            if (result.isDone()) {
                return;
            }
            if (expiry != null) {
                expiry.cancel(false);
            }
            if (failures.isEmpty()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new PublishException(records.get(0).topic(), records.size(), failures));
            }
        }
    }

    private static IllegalStateException notSent(String key) {
        return new IllegalStateException("not sent after an earlier event of aggregate " + key + " failed");
    }
}
