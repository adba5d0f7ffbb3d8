package dev.eventbus.camel;

import java.util.Map;

import dev.eventbus.camel.transport.Delivery;

/** A record as a transport hands it over, for unit tests of what the consumer does with it (topic {@code t}). */
record StubDelivery(String key, byte[] value, Map<String, String> headers, long position) implements Delivery {

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
    public int deliveryCount() {
        return 1;
    }

    @Override
    public void ack() {
    }
}
