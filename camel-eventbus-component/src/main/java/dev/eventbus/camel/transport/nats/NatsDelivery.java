package dev.eventbus.camel.transport.nats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.WireHeaders;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

/**
 * A JetStream message received by a subscription. {@link #complete()} acks it on the server (once); until then the
 * subscription keeps it alive with in-progress acks; a close abandons it (the server redelivers it after AckWait).
 */
final class NatsDelivery implements Delivery {

    private final NatsSubscription subscription;
    private final Message message;
    private final String topic;
    private final int partition;
    private final long sequence;
    private final long consumerSequence;
    private final int deliveryCount;
    private final long pending;
    private Map<String, String> headers;
    /** Guarded by this: the message has been acked or nak'ed. */
    private boolean finished;
    /** Guarded by this: when the server last heard about the message (receipt or in-progress ack). */
    private long touchedNanos;
    /** Whether the delivery holds an in-flight permit (it was handed to the consumer). */
    volatile boolean handedOut;

    NatsDelivery(NatsSubscription subscription, Message message, String topic, int partition) {
        this.subscription = subscription;
        this.message = message;
        this.topic = topic;
        this.partition = partition;
        NatsJetStreamMetaData meta = message.metaData();
        this.sequence = meta.streamSequence();
        this.consumerSequence = meta.consumerSequence();
        this.deliveryCount = (int) Math.min(Integer.MAX_VALUE, meta.deliveredCount());
        this.pending = meta.pendingCount();
        this.touchedNanos = System.nanoTime();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    /** The stream sequence. */
    @Override
    public long offset() {
        return sequence;
    }

    /** Messages of the durable after this one that the server had not delivered yet when it sent this one. */
    long pending() {
        return pending;
    }

    /** The consumer sequence: counts every delivery of the durable, redeliveries included. */
    long consumerSequence() {
        return consumerSequence;
    }

    /**
     * The {@code X-Aggregate-ID} header (the aggregate id for records of this component), percent-decoded when the
     * publisher had to encode it (an id with surrounding white space; aggregate ids hold no '%' otherwise); null when
     * absent.
     */
    @Override
    public String key() {
        String key = message.hasHeaders() ? message.getHeaders().getFirst(WireHeaders.AGGREGATE_ID) : null;
        return key != null && key.indexOf('%') >= 0 ? NatsHeaderValues.decode(key) : key;
    }

    @Override
    public byte[] value() {
        byte[] data = message.getData();
        return data == null ? new byte[0] : data;
    }

    @Override
    public void forEachHeader(Predicate<String> wanted, BiConsumer<String, String> action) {
        if (message.hasHeaders()) {
            for (Map.Entry<String, List<String>> header : message.getHeaders().entrySet()) {
                if (wanted.test(header.getKey())) {
                    List<String> values = header.getValue();
                    action.accept(header.getKey(), values == null || values.isEmpty() ? null : values.get(0));
                }
            }
        }
    }

    @Override
    public synchronized Map<String, String> headers() {
        if (headers == null) {
            Map<String, String> map = new LinkedHashMap<>();
            if (message.hasHeaders()) {
                for (Map.Entry<String, List<String>> header : message.getHeaders().entrySet()) {
                    List<String> values = header.getValue();
                    map.put(header.getKey(), values == null || values.isEmpty() ? null : values.get(0));
                }
            }
            headers = map;
        }
        return headers;
    }

    /** When the stream stored the message. */
    @Override
    public long timestamp() {
        try {
            return message.metaData().timestamp().toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The JetStream delivered count. */
    @Override
    public int deliveryCount() {
        return deliveryCount;
    }

    /**
     * Acks the message on the server, once. An ack that fails (the connection closed) is counted and logged by the
     * subscription; the server redelivers the message after AckWait. The in-flight permit is returned either way.
     */
    @Override
    public void complete() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                message.ack();
            } catch (RuntimeException e) {
                subscription.ackFailed("ack", e);
            }
        }
        subscription.settled(this);
    }

    /**
     * Gives the message back unprocessed with a nak that asks the server to redeliver it after {@code delayMillis}
     * (at once for 0), and returns its in-flight permit. When the nak fails, the server redelivers it after AckWait.
     *
     * @return true when this gave it back; false when it was finished already
     */
    @Override
    public boolean release(long delayMillis) {
        synchronized (this) {
            if (finished) {
                return false;
            }
            finished = true;
            try {
                if (delayMillis > 0) {
                    message.nakWithDelay(delayMillis);
                } else {
                    message.nak();
                }
            } catch (RuntimeException e) {
                subscription.ackFailed("nak", e);
            }
        }
        subscription.settled(this);
        return true;
    }

    /**
     * Gives the message up without telling the server (it redelivers it after AckWait): no more in-progress acks, a
     * later ack is ignored, and its in-flight permit is returned.
     */
    void abandon() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        subscription.settled(this);
    }

    /** Sends an in-progress ack when the server last heard of the message {@code intervalNanos} ago or more. */
    synchronized void keepAlive(long nowNanos, long intervalNanos) {
        if (!finished && nowNanos - touchedNanos >= intervalNanos) {
            touchedNanos = nowNanos;
            message.inProgress();
        }
    }
}
