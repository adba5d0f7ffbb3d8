package dev.eventbus.camel.consumer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventbus.camel.transport.Delivery;

/** A record as a transport hands it over, for unit tests of what the consumer does with it (topic {@code t}). */
final class StubDelivery implements Delivery {

    private final String key;
    private final byte[] value;
    private final Map<String, String> headers;
    private final long position;
    /** Set it to take the record back, as a rebalance does. */
    final AtomicBoolean revoked = new AtomicBoolean();

    StubDelivery(String key, byte[] value, Map<String, String> headers, long position) {
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.position = position;
    }

    StubDelivery(String key, byte[] value, Map<String, String> headers) {
        this(key, value, headers, 0);
    }

    @Override
    public String topic() {
        return "t";
    }

    @Override
    public int partition() {
        return 0;
    }

    @Override
    public long offset() {
        return position;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public int deliveryCount() {
        return 1;
    }

    @Override
    public boolean revoked() {
        return revoked.get();
    }

    @Override
    public void complete() {
    }
}
