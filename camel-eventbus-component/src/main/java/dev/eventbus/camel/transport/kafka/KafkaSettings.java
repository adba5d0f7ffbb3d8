package dev.eventbus.camel.transport.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the Kafka transport of one endpoint needs: complete client properties (bootstrap servers, security, tuning and
 * the user's additional properties, already merged) and how topics are provisioned. Property values may be secrets:
 * log them only through {@link #redacted(Map)}, which hides every value whose name suggests a secret.
 *
 * @param producerProperties properties of the (shared) producer
 * @param consumerProperties properties of each subscription's consumer, without {@code group.id}
 * @param adminProperties    properties of the short-lived admin client that provisions topics
 * @param partitions         partitions of topics the transport creates
 * @param replicationFactor  replication factor of topics the transport creates
 * @param autoCreateTopics   create missing topics; when false a missing topic fails {@code prepare}
 * @param timeoutMillis      how long a final commit and closing a client may take
 * @param publishTimeoutMillis how long one publish may take in all (waiting for metadata or buffer space, and acks)
 * @param startTimeoutMillis bound on all broker calls of one {@code prepare} (describing, creating a topic and waiting
 *                           for its partition leaders)
 * @param revokeTimeoutMillis how long a rebalance waits for the running records of revoked partitions before it
 *                           commits and lets them go
 */
public record KafkaSettings(Map<String, Object> producerProperties, Map<String, Object> consumerProperties,
        Map<String, Object> adminProperties, int partitions, short replicationFactor,
        boolean autoCreateTopics, long timeoutMillis, long publishTimeoutMillis,
        long startTimeoutMillis, long revokeTimeoutMillis) {

    public KafkaSettings {
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
        adminProperties = Map.copyOf(adminProperties);
    }

    /**
     * The properties of one subscription's consumer: {@link #consumerProperties()} plus its group, client id (unless
     * set), {@code max.poll.records}, manual commits and the deserializers (camel-kafka's client factory takes
     * properties only, so they are named here, and always these).
     */
    public Properties consumerProperties(String groupId, String clientId, int pollRecords) {
        Properties properties = new Properties();
        properties.putAll(consumerProperties);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pollRecords);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    /** Bootstrap servers, for messages. */
    public String bootstrapServers() {
        return String.valueOf(adminProperties.get("bootstrap.servers"));
    }

    /** What stands in for a hidden value. */
    public static final String HIDDEN = "[hidden]";
    /** Names of properties whose values are hidden: they may hold a password, a key or a token. */
    private static final Pattern SECRET_NAME = Pattern.compile("password|secret|jaas|token|key|credential");

    /** Whether the value of property {@code name} may be a secret (case-insensitive). */
    public static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * {@code properties} sorted by name, for log lines and messages: the value of every property whose name contains
     * password, secret, jaas, token, key or credential (any case) is {@value #HIDDEN}. Serializer class names are
     * hidden too (their names contain "key").
     */
    public static Map<String, Object> redacted(Map<String, ?> properties) {
        Map<String, Object> result = new TreeMap<>();
        properties.forEach((name, value) -> result.put(name, isSecret(name) ? HIDDEN : value));
        return result;
    }

    /** Bootstrap servers, topic provisioning and the producer's and consumer's properties, secrets hidden. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap.servers=" + bootstrapServers() + ", partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", autoCreateTopics=" + autoCreateTopics + ", producer="
                + redacted(producerProperties) + ", consumer=" + redacted(consumerProperties) + "]";
    }
}
