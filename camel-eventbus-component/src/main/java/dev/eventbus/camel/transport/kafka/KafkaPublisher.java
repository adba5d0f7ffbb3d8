package dev.eventbus.camel.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.PublishException;
import dev.eventbus.camel.transport.Publisher;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records with a shared idempotent producer (acks=all). {@code send} is called in order on the caller's thread,
 * so records of one key from one thread keep their order; the future completes when the broker acknowledged every
 * record of the batch. When the producer's buffer is full, {@code send} waits (backpressure); after a record could not
 * be handed to the producer, the rest of the batch is not sent, so a key's order never has a hole.
 */
final class KafkaPublisher implements Publisher {

    private final Producer<String, byte[]> producer;

    KafkaPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Batch batch = new Batch(records);
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            try {
                producer.send(toProducerRecord(records.get(i)), (metadata, failure) -> batch.done(index, failure));
            } catch (RuntimeException e) {
                batch.done(index, e);
                for (int j = i + 1; j < records.size(); j++) {
                    batch.done(j, new IllegalStateException("not sent after an earlier event of the batch failed"));
                }
                break;
            }
        }
        return batch.future;
    }

    private static ProducerRecord<String, byte[]> toProducerRecord(OutboundRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : record.headers().entrySet()) {
            if (header.getValue() != null) {
                headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    /** Completion of one publish call. */
    private static final class Batch {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final List<OutboundRecord> records;
        final AtomicInteger pending;
        volatile Map<Integer, Throwable> failures;

        Batch(List<OutboundRecord> records) {
            this.records = records;
            this.pending = new AtomicInteger(records.size());
        }

        void done(int index, Throwable failure) {
            if (failure != null) {
                synchronized (this) {
                    if (failures == null) {
                        failures = new ConcurrentHashMap<>();
                    }
                    failures.put(index, failure);
                }
            }
            if (pending.decrementAndGet() == 0) {
                Map<Integer, Throwable> failed;
                synchronized (this) {
                    failed = failures;
                }
                if (failed == null) {
                    future.complete(null);
                } else {
                    future.completeExceptionally(new PublishException(records.get(0).topic(), records.size(), failed));
                }
            }
        }
    }
}
