package dev.eventbus.camel.transport.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.PublishException;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.WireHeaders;

/**
 * Appends records to memory partitions in call order. When a partition is full the caller waits up to the publish
 * timeout; records after a failed one are not appended, so a key's order never has a hole.
 */
final class MemoryPublisher implements Publisher {

    private final MemoryTransport transport;
    private final long timeoutNanos;

    MemoryPublisher(MemoryTransport transport, long timeoutNanos) {
        this.transport = transport;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records) {
        return publish(records, System.nanoTime() + timeoutNanos);
    }

    @Override
    public boolean stopsAtFirstFailure() {
        return true;
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadline) {
        MemoryTopic last = null;
        for (int i = 0; i < records.size(); i++) {
            OutboundRecord record = records.get(i);
            MemoryTopic topic = transport.topic(record.topic());
            if (last != null && last != topic) {
                last.signal();
            }
            last = topic;
            Throwable failure;
            try {
                MemoryRecord stored = new MemoryRecord(record.key(), record.value(), record.headers());
                boolean deadLetter = record.headers().containsKey(WireHeaders.DLQ_REASON);
                if (topic.partitionFor(record.key()).append(stored, deadline, deadLetter)) {
                    continue;
                }
                failure = new TimeoutException(
                        "memory topic '" + topic.name + "' stayed full until the publish timeout ("
                                + timeoutNanos / 1_000_000 + " ms; no consumer keeps up)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
            topic.signal();
            return CompletableFuture.failedFuture(failed(records, i, failure));
        }
        if (last != null) {
            last.signal();
        }
        return CompletableFuture.completedFuture(null);
    }

    private static PublishException failed(List<OutboundRecord> records, int firstFailed, Throwable cause) {
        Map<Integer, Throwable> failures = new HashMap<>();
        failures.put(firstFailed, cause);
        for (int i = firstFailed + 1; i < records.size(); i++) {
            failures.put(i, new IllegalStateException("not published after an earlier event of the batch failed"));
        }
        return new PublishException(records.get(firstFailed).topic(), records.size(), failures);
    }
}
