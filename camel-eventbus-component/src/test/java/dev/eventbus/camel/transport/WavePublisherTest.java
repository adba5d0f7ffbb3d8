package dev.eventbus.camel.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waves: an aggregate's next event goes out only after its previous one was acknowledged; a failure stops it. */
class WavePublisherTest {

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void wavesHoldTheKthEventOfEachKeyInBatchOrder() {
        List<int[]> waves = WavePublisher.waves(records("a", "b", "a", "c", "a", "b"));
        assertEquals(3, waves.size());
        assertEquals(List.of(0, 1, 3), list(waves.get(0)));
        assertEquals(List.of(2, 5), list(waves.get(1)));
        assertEquals(List.of(4), list(waves.get(2)));
    }

    @Test
    void aFailedEventStopsItsAggregateButNotTheOthers() throws Exception {
        // the broker refuses a's second event (index 2); acknowledges everything else
        Recording delegate = new Recording(record -> new String(record.value(), StandardCharsets.UTF_8).equals("a2"));
        WavePublisher publisher = new WavePublisher(delegate, 5000, threads, threads);
        List<OutboundRecord> batch = records("a", "b", "a", "b", "a", "b");

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> publisher.publish(batch).get(5, TimeUnit.SECONDS));

        PublishException failed = assertInstanceOf(PublishException.class, e.getCause());
        assertEquals(List.of(2, 4), new ArrayList<>(failed.failures().keySet()));
        assertTrue(failed.failures().get(4).getMessage()
                .contains("not sent after an earlier event of aggregate a failed"));
        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2"), List.of("b3")), delegate.calls);
    }

    @Test
    void aBatchWhoseAcknowledgementNeverComesFailsShortlyAfterItsDeadline() {
        assertFailsShortlyAfterItsDeadline("a", "a");
    }

    @Test
    void aSingleEventWhoseAcknowledgementNeverComesFailsShortlyAfterItsDeadline() {
        assertFailsShortlyAfterItsDeadline("a");
    }

    /** Publishes records of {@code keys} to a transport that never acknowledges, with a 300 ms publish timeout. */
    private void assertFailsShortlyAfterItsDeadline(String... keys) {
        Publisher silent = new Recording(r -> false) {
            @Override
            public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
                calls.add(names(records));
                return new CompletableFuture<>();
            }
        };
        WavePublisher publisher = new WavePublisher(silent, 300, threads, threads);
        long start = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> publisher.publish(records(keys)).get(5, TimeUnit.SECONDS));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        PublishException failed = assertInstanceOf(PublishException.class, e.getCause());
        assertInstanceOf(TimeoutException.class, failed.failures().get(0));
        assertEquals(keys.length, failed.failures().size());
        assertTrue(took >= 300 && took < 1500, "failed after " + took + " ms");
    }

    @Test
    void aSingleEventGetsTheTransportsOutcome() throws Exception {
        Recording delegate = new Recording(record -> new String(record.value(), StandardCharsets.UTF_8).equals("b1"));
        WavePublisher publisher = new WavePublisher(delegate, 5000, threads, threads);

        publisher.publish(records("a")).get(5, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> publisher.publish(records("b")).get(5, TimeUnit.SECONDS));

        PublishException failed = assertInstanceOf(PublishException.class, e.getCause());
        assertEquals(List.of(0), new ArrayList<>(failed.failures().keySet()));
        assertEquals(List.of(List.of("a1"), List.of("b1")), delegate.calls);
    }

    /** Records whose value is their 1-based position within their key, e.g. a1 a2 b1. */
    private static List<OutboundRecord> records(String... keys) {
        Map<String, Integer> counts = new HashMap<>();
        List<OutboundRecord> records = new ArrayList<>();
        for (String key : keys) {
            int n = counts.merge(key, 1, Integer::sum);
            records.add(OutboundRecord.of("t", key, (key + n).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static List<Integer> list(int[] indexes) {
        List<Integer> list = new ArrayList<>();
        for (int i : indexes) {
            list.add(i);
        }
        return list;
    }

    static List<String> names(List<OutboundRecord> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /** Acknowledges asynchronously (on another thread), refusing the records {@code refuse} picks. */
    private class Recording implements Publisher {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        private final java.util.function.Predicate<OutboundRecord> refuse;

        Recording(java.util.function.Predicate<OutboundRecord> refuse) {
            this.refuse = refuse;
        }

        @Override
        public CompletableFuture<Void> publish(List<OutboundRecord> records) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
            calls.add(names(records));
            BatchOutcome outcome = new BatchOutcome(records);
            threads.schedule(() -> {
                for (int i = 0; i < records.size(); i++) {
                    outcome.done(i, refuse.test(records.get(i)) ? new IllegalArgumentException("too large") : null);
                }
            }, 5, TimeUnit.MILLISECONDS);
            return outcome.future();
        }
    }
}
