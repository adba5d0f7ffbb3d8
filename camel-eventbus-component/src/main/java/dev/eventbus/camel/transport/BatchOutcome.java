package dev.eventbus.camel.transport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcome of one publish call, collected record by record from any thread: completes when every record reported,
 * normally when none failed, else with a {@link PublishException} naming the failed records.
 */
public final class BatchOutcome {

    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private final List<OutboundRecord> records;
    private final AtomicInteger pending;
    private final Map<Integer, Throwable> failures = new ConcurrentHashMap<>();

    public BatchOutcome(List<OutboundRecord> records) {
        this.records = records;
        this.pending = new AtomicInteger(records.size());
    }

    /** The future of the call. */
    public CompletableFuture<Void> future() {
        return future;
    }

    /** Reports record {@code index}: accepted when {@code failure} is null. Each record reports once. */
    public void done(int index, Throwable failure) {
        if (failure != null) {
            failures.put(index, failure);
        }
        if (pending.decrementAndGet() == 0) {
            if (failures.isEmpty()) {
                future.complete(null);
            } else {
                future.completeExceptionally(new PublishException(records.get(0).topic(), records.size(), failures));
            }
        }
    }

    /** Reports every record from {@code from} on as failed with {@code failure}. */
    public void failFrom(int from, Throwable failure) {
        for (int i = from; i < records.size(); i++) {
            done(i, failure);
        }
    }
}
