package dev.eventbus.camel.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import dev.eventbus.camel.transport.Delivery;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A consumed Kafka record; {@link #complete()} hands its offset back to the poll thread, which commits the watermark. */
final class KafkaDelivery implements Delivery {

    private final KafkaSubscription subscription;
    final PartitionState state;
    private final ConsumerRecord<String, byte[]> record;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Whether the consumer processed (or dead-lettered) the record, as opposed to releasing it unprocessed. */
    volatile boolean processed;
    private Map<String, String> headers;

    KafkaDelivery(KafkaSubscription subscription, PartitionState state, ConsumerRecord<String, byte[]> record) {
        this.subscription = subscription;
        this.state = state;
        this.record = record;
    }

    @Override
    public String topic() {
        return record.topic();
    }

    @Override
    public int partition() {
        return record.partition();
    }

    @Override
    public long offset() {
        return record.offset();
    }

    @Override
    public String key() {
        return record.key();
    }

    @Override
    public byte[] value() {
        return record.value();
    }

    @Override
    public synchronized Map<String, String> headers() {
        if (headers == null) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                map.put(header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            headers = map;
        }
        return headers;
    }

    @Override
    public void forEachHeader(Predicate<String> wanted, BiConsumer<String, String> action) {
        for (Header header : record.headers()) {
            if (wanted.test(header.key())) {
                action.accept(header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public long timestamp() {
        return record.timestamp();
    }

    @Override
    public int deliveryCount() {
        // Kafka does not count deliveries; a record read again after a crash or rebalance counts as new
        return 1;
    }

    @Override
    public boolean revoked() {
        return state.revoked;
    }

    @Override
    public void complete() {
        if (finished.compareAndSet(false, true)) {
            processed = true;
            subscription.settled(this);
        }
    }

    @Override
    public void release() {
        if (finished.compareAndSet(false, true)) {
            subscription.settled(this);
        }
    }
}
