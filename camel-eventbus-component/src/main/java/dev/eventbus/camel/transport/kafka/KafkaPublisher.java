package dev.eventbus.camel.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.BatchOutcome;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.PublisherStatus;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records with a shared idempotent producer (acks=all). {@code send} is called in order on the caller's thread,
 * so records of one key from one thread keep their order; the future completes when the broker acknowledged every
 * record of the batch. When the producer's buffer is full, {@code send} waits (backpressure). The records of a call are
 * pipelined: a later record of a key may be acknowledged after an earlier one failed, so the component sends batches
 * through a {@code WavePublisher}, which never puts two records of one key in one call.
 * <p>
 * One deadline covers the whole call. The producer's {@code max.block.ms} is a short slice (see
 * {@code KafkaTransportFactory}): a {@code send} that timed out waiting for metadata or buffer space is tried again
 * until the deadline, so a batch of N records blocks at most the publish timeout (plus one slice), not N times it; at
 * the deadline the rest of the batch fails unsent. A record the producer refuses at once (too large) fails alone. The deadline for the
 * acknowledgements themselves is enforced by the caller ({@code WavePublisher}); the producer's own
 * {@code delivery.timeout.ms} ends a record at the latest that long after it was handed over.
 */
final class KafkaPublisher implements Publisher {

    private final Producer<String, byte[]> producer;
    private final long timeoutNanos;
    private final String servers;

    /**
     * @param servers the bootstrap servers, for the status (host:port only)
     */
    KafkaPublisher(Producer<String, byte[]> producer, long timeoutMillis, String servers) {
        this.producer = producer;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
        this.servers = servers;
    }

    /**
     * Connected while the producer's {@code connection-count} metric is above 0: its network thread keeps a
     * connection for metadata and sends, and loses it when the broker goes away (it then retries connecting, with
     * backoff). Reads the producer's metrics only: no broker call, nothing blocks.
     */
    @Override
    public PublisherStatus status() {
        String clientId = "unknown";
        boolean connected = false;
        for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if ("connection-count".equals(name.name()) && "producer-metrics".equals(name.group())) {
                clientId = name.tags().getOrDefault("client-id", clientId);
                connected = metric.getValue().metricValue() instanceof Number count && count.doubleValue() > 0;
                break;
            }
        }
        return new PublisherStatus(clientId, "kafka", connected, servers);
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records) {
        return publish(records, System.nanoTime() + timeoutNanos);
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadline) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        BatchOutcome batch = new BatchOutcome(records);
        for (int i = 0; i < records.size(); i++) {
            Exception failure = send(toProducerRecord(records.get(i)), new RecordCallback(batch, i), deadline);
            if (failure instanceof TimeoutException) {
                // the deadline passed: the rest would not get metadata or buffer space either
                batch.failFrom(i, failure);
                break;
            } else if (failure != null) {
                batch.done(i, failure);
            }
        }
        return batch.future();
    }

    /**
     * Hands one record to the producer, trying again while {@code send} times out waiting for metadata or buffer space
     * and the deadline has not passed.
     *
     * @return why the record could not be handed over, or null when it was (its callback then reports the outcome)
     */
    private Exception send(ProducerRecord<String, byte[]> record, RecordCallback callback, long deadline) {
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                return new TimeoutException("not sent: no metadata or buffer space for topic '" + record.topic()
                        + "' within the publish timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            Exception failure;
            callback.sending = Thread.currentThread();
            try {
                producer.send(record, callback);
                failure = callback.refused;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                callback.sending = null;
            }
            callback.refused = null;
            if (!(failure instanceof TimeoutException)) {
                return failure;
            }
        }
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

    /**
     * Reports a record's outcome to its batch, except a failure that {@code send} reports on the sending thread before
     * it returns (the record was not appended: no metadata or buffer space in time, too large, ...): that one the
     * sending loop handles.
     */
    private static final class RecordCallback implements Callback {
        private final BatchOutcome batch;
        private final int index;
        volatile Thread sending;
        Exception refused;

        RecordCallback(BatchOutcome batch, int index) {
            this.batch = batch;
            this.index = index;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (failure != null && sending == Thread.currentThread()) {
                refused = failure;
            } else {
                batch.done(index, failure);
            }
        }
    }

    /** The shared KafkaProducer, for binding its metrics. */
    @Override
    public Object client() {
        return producer;
    }
}
