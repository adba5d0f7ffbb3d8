package dev.eventbus.camel.transport.kafka;

import java.util.Map;

/**
 * What the Kafka transport of one endpoint needs: complete client properties (bootstrap servers, security, tuning and
 * the user's additional properties, already merged) and how topics are provisioned. Property values may be secrets:
 * never log them.
 *
 * @param producerProperties properties of the (shared) producer
 * @param consumerProperties properties of each subscription's consumer, without {@code group.id}
 * @param adminProperties    properties of the short-lived admin client that provisions topics
 * @param partitions         partitions of topics the transport creates
 * @param replicationFactor  replication factor of topics the transport creates
 * @param autoCreateTopics   create missing topics; when false a missing topic fails {@code prepare}
 * @param timeoutMillis      how long provisioning and a final commit may take
 * @param publishTimeoutMillis how long one publish may take in all (waiting for metadata or buffer space, and acks)
 */
public record KafkaSettings(Map<String, Object> producerProperties, Map<String, Object> consumerProperties,
                            Map<String, Object> adminProperties, int partitions, short replicationFactor,
                            boolean autoCreateTopics, long timeoutMillis, long publishTimeoutMillis) {

    public KafkaSettings {
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
        adminProperties = Map.copyOf(adminProperties);
    }

    /** Bootstrap servers, for messages. */
    public String bootstrapServers() {
        return String.valueOf(adminProperties.get("bootstrap.servers"));
    }

    @Override
    public String toString() {
        // property values may hold passwords
        return "KafkaSettings[bootstrap.servers=" + bootstrapServers() + ", partitions=" + partitions
               + ", replicationFactor=" + replicationFactor + ", autoCreateTopics=" + autoCreateTopics + "]";
    }
}
