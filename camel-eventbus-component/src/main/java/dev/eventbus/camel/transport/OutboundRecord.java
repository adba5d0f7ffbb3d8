package dev.eventbus.camel.transport;

import java.util.Map;

/**
 * A record to publish: the topic, the key (the aggregate id for envelopes), the encoded value and transport headers.
 *
 * @param topic   destination topic
 * @param key     partitioning key; records with the same key keep their order
 * @param value   encoded bytes, published as they are
 * @param headers transport headers (never null)
 */
public record OutboundRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    /** Creates a record without headers. */
    public static OutboundRecord of(String topic, String key, byte[] value) {
        return new OutboundRecord(topic, key, value, Map.of());
    }
}
