package dev.eventbus.camel.format;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventbus.camel.transport.Delivery;

/** A consumed record for the format tests: a value and headers. */
record RecordStub(byte[] value, Map<String, String> headers) implements Delivery {

    static RecordStub of(EncodedEvent encoded) {
        return new RecordStub(encoded.value(), new LinkedHashMap<>(encoded.headers()));
    }

    @Override
    public String topic() {
        return "orders";
    }

    @Override
    public int partition() {
        return 0;
    }

    @Override
    public long offset() {
        return 0;
    }

    @Override
    public String key() {
        return null;
    }

    @Override
    public int deliveryCount() {
        return 1;
    }

    @Override
    public void complete() {
    }
}
