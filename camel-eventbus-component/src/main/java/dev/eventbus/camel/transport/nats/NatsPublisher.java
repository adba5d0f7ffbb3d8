package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.eventbus.camel.transport.BatchOutcome;
import dev.eventbus.camel.transport.KeyHash;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.PublisherStatus;
import dev.eventbus.camel.transport.WireHeaders;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * Publishes with JetStream {@code publishAsync} on the shared connection, in call order, so records of one key
 * published from one thread keep their order. Each record carries {@code Nats-Msg-Id} = its event id (the broker drops
 * a retry within the duplicate window; percent-encoded when not plain ASCII: {@link NatsHeaderValues#messageId})
 * unless it is a dead-letter record. At most {@code maxPendingPublishes} publishes
 * await their PubAck per connection: the caller waits for a free slot up to the publish timeout (backpressure). The
 * future completes when every record was acknowledged; a rejection or timeout fails it with the cause, and records
 * after one that could not be sent are not sent, so a key's order never has a hole.
 */
final class NatsPublisher implements Publisher {

    private final NatsConnection connection;
    private final JetStream jetStream;
    private final String partitionedTopic;
    private final int partitions;
    private final long timeoutNanos;

    NatsPublisher(NatsConnection connection, String partitionedTopic, int partitions, long timeoutMillis) {
        this.connection = connection;
        this.partitionedTopic = partitionedTopic;
        this.partitions = partitions;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
        try {
            // a PubAck that does not arrive within the publish timeout fails the publish
            this.jetStream = connection.connection().jetStream(
                    JetStreamOptions.builder().requestTimeout(Duration.ofMillis(Math.max(1, timeoutMillis))).build());
        } catch (IOException e) {
            throw new IllegalStateException("JetStream is not available on the NATS connection: " + e.getMessage(), e);
        }
    }

    /** The shared connection's status (jnats' own view, no server call). */
    @Override
    public PublisherStatus status() {
        return connection.status();
    }

    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records) {
        return publish(records, System.nanoTime() + timeoutNanos);
    }

    /**
     * One deadline covers the whole call: waiting for publish slots and every PubAck (the connection's watchdog fails
     * a publish whose PubAck is missing at the deadline).
     */
    @Override
    public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadline) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        BatchOutcome batch = new BatchOutcome(records);
        for (int i = 0; i < records.size(); i++) {
            OutboundRecord record = records.get(i);
            Throwable failure = null;
            boolean slot = false;
            try {
                slot = connection.acquirePublishSlot(deadline - System.nanoTime());
                if (!slot) {
                    failure = new TimeoutException("no room for the publish: " + records.size()
                            + " publishes of the batch and others await their acknowledgement for "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                } else {
                    int index = i;
                    CompletableFuture<PublishAck> sent = send(record);
                    // jnats may never complete a publish whose PubAck was lost with the connection: time it out
                    connection.expireAt(sent, deadline);
                    sent.whenComplete((ack, error) -> {
                        connection.releasePublishSlot();
                        batch.done(index, error == null ? null : unwrap(error, record));
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (RuntimeException e) {
                if (slot) {
                    connection.releasePublishSlot();
                }
                failure = e;
            }
            if (failure != null) {
                batch.done(i, failure);
                batch.failFrom(i + 1, new IllegalStateException("not sent after an earlier event of the batch failed"));
                break;
            }
        }
        return batch.future();
    }

    private CompletableFuture<PublishAck> send(OutboundRecord record) {
        Headers headers = new Headers();
        for (Map.Entry<String, String> header : record.headers().entrySet()) {
            if (header.getValue() != null) {
                headers.put(header.getKey(), NatsHeaderValues.encode(header.getKey(), header.getValue()));
            }
        }
        if (record.key() != null && !record.headers().containsKey(WireHeaders.AGGREGATE_ID)) {
            // the record key (a Kafka key) travels as the aggregate header, which consumers use as the key
            headers.put(WireHeaders.AGGREGATE_ID, NatsHeaderValues.encode(WireHeaders.AGGREGATE_ID, record.key()));
        }
        String id = NatsHeaderValues.messageId(messageId(record.headers()));
        PublishOptions options = id == null ? null : PublishOptions.builder().messageId(id).build();
        return jetStream.publishAsync(subject(record), headers, record.value(), options);
    }

    /**
     * The {@code Nats-Msg-Id}: the event id ({@code replay:<event id>} for a replay, so it is not dropped as the
     * original); for a dead-letter record its group and origin (topic, partition, sequence), so that it is not
     * deduplicated against the original event or another group's dead letter of it, but a repeated dead-lettering of
     * the same message by the same group is.
     */
    static String messageId(Map<String, String> headers) {
        if (headers.containsKey(WireHeaders.DLQ_REASON)) {
            return "dlq:" + headers.get(WireHeaders.DLQ_GROUP_ID) + ":" + headers.get(WireHeaders.DLQ_ORIGINAL_TOPIC)
                    + ":"
                    + headers.get(WireHeaders.DLQ_ORIGINAL_PARTITION) + ":"
                    + headers.get(WireHeaders.DLQ_ORIGINAL_OFFSET);
        }
        String eventId = headers.get(WireHeaders.EVENT_ID);
        return eventId != null && "true".equals(headers.get(WireHeaders.REPLAY)) ? "replay:" + eventId : eventId;
    }

    /** The subject of a record: {@code <topic>.<partition>} for the endpoint's partitioned topic, else the topic. */
    String subject(OutboundRecord record) {
        if (partitions > 0 && record.topic().equals(partitionedTopic)) {
            return NatsStreams.subject(record.topic(), partitions, KeyHash.partition(record.key(), partitions));
        }
        return record.topic();
    }

    private Throwable unwrap(Throwable error, OutboundRecord record) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new TimeoutException(
                    "no acknowledgement from NATS for a publish to '" + subject(record) + "' within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
        return cause;
    }

}
