package dev.eventbus.camel.transport.kafka;

import java.util.HashMap;
import java.util.Map;

import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.TransportCapabilities;
import dev.eventbus.camel.transport.TransportContext;
import dev.eventbus.camel.transport.TransportFactory;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code transport=kafka}. Turns an endpoint's options into Kafka client properties: the tuned defaults (acks=all, idempotence, lz4, linger 5
 * ms, 64 KiB batches; earliest offsets, no auto-commit), the security options, then the user's
 * {@code additionalProperties}, which win except where they would break commit-after-process. It never sets
 * {@code ssl.endpoint.identification.algorithm}: the clients' default ({@code https}) verifies the broker's host name.
 */
public final class KafkaTransportFactory implements TransportFactory {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransportFactory.class);
    /** How long topic provisioning, a commit and closing a client may take. */
    static final long CLIENT_TIMEOUT_MILLIS = 10_000;

    /** A group owns the committed offsets, wire headers for Go consumers, 8 partitions, in-order redelivery. */
    private static final TransportCapabilities CAPABILITIES = new TransportCapabilities(true, true, 8, false,
            TransportCapabilities.CloudEventsHeaders.KAFKA);

    /** camel-kafka's factory (stateless), one instance so that endpoints with equal properties share a producer. */
    static final KafkaClientFactory DEFAULT_CLIENT_FACTORY = new DefaultKafkaClientFactory();

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public TransportCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Transport create(TransportContext context) {
        KafkaOptions options = context.options(KafkaOptions.class);
        KafkaClientFactory clientFactory = options.getKafkaClientFactory() != null
                ? options.getKafkaClientFactory() : DEFAULT_CLIENT_FACTORY;
        return new KafkaTransport(settings(options, context.shutdownTimeoutMillis()), clientFactory,
                context.sharedClients(), context.threadPools());
    }

    /**
     * @param shutdownTimeoutMillis the CamelContext's shutdown timeout: how long a rebalance waits for running events
     *                              unless the endpoint sets {@code revokeTimeout}
     */
    static KafkaSettings settings(KafkaOptions config, long shutdownTimeoutMillis) {
        if (config.getBrokers() == null || config.getBrokers().isBlank()) {
            throw new IllegalArgumentException(
                    "eventbus:" + config.getTopic() + " uses transport=kafka but no brokers are "
                            + "set; set brokers=host:port on the endpoint or camel.component.eventbus.brokers");
        }
        Map<String, Object> common = new HashMap<>();
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.getBrokers());
        putIfSet(common, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.getSecurityProtocol());
        putIfSet(common, SaslConfigs.SASL_MECHANISM, config.getSaslMechanism());
        putIfSet(common, SaslConfigs.SASL_JAAS_CONFIG, config.getSaslJaasConfig());
        putIfSet(common, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.getSslTruststoreLocation());
        putIfSet(common, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, config.getSslTruststorePassword());
        putIfSet(common, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, config.getSslKeystoreLocation());
        putIfSet(common, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, config.getSslKeystorePassword());
        putIfSet(common, SslConfigs.SSL_KEY_PASSWORD_CONFIG, config.getSslKeyPassword());

        Map<String, Object> producer = new HashMap<>(common);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.getCompressionCodec());
        producer.put(ProducerConfig.LINGER_MS_CONFIG, config.getLingerMs());
        producer.put(ProducerConfig.BATCH_SIZE_CONFIG, config.getBatchSize());
        // a publish fails within publishTimeout in all: a send waits for metadata or buffer space at most one slice
        // (max.block.ms) and is tried again until the publish's deadline; the ack wait ends at that deadline too
        long publishTimeout = Math.max(1000, config.getPublishTimeout());
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockSlice(publishTimeout));
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, publishTimeout));
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, Math.min(30_000, publishTimeout - config.getLingerMs())));
        putPartitioner(producer, config);
        producer.putAll(config.getAdditionalProperties());

        Map<String, Object> consumer = new HashMap<>(common);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getMaxPollRecords());
        consumer.putAll(config.getAdditionalProperties());
        Object autoCommit = consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
            LOG.warn("eventbus:{} ignores enable.auto.commit=true: offsets are committed after the route finished",
                    config.getTopic());
        }
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.parseInt(consumer.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG).toString()));

        Map<String, Object> admin = new HashMap<>(common);
        for (Map.Entry<String, Object> e : config.getAdditionalProperties().entrySet()) {
            if (isClientWide(e.getKey())) {
                admin.put(e.getKey(), e.getValue());
            }
        }
        Object identification = config.getAdditionalProperties()
                .get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
        if (identification != null && identification.toString().isBlank()) {
            LOG.warn("eventbus:{} turns off TLS host name verification (additionalProperties.{} is empty)",
                    config.getTopic(), SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
        }
        int partitions = config.getPartitions() == null ? CAPABILITIES.defaultPartitions() : config.getPartitions();
        return new KafkaSettings(producer, consumer, admin, partitions, config.getReplicationFactor(),
                config.isAutoCreateTopics(), CLIENT_TIMEOUT_MILLIS, publishTimeout,
                Math.max(1, config.getStartTimeout()),
                config.getRevokeTimeout() != null ? Math.max(0, config.getRevokeTimeout()) : shutdownTimeoutMillis);
    }

    /**
     * {@code partitioner=sarama} sets {@code partitioner.class} to {@link SaramaPartitioner}; {@code murmur2} leaves
     * kafka-clients' built-in partitioner. The choice is part of the producer properties, so endpoints with different
     * partitioners never share a producer. A {@code partitioner.class} in additionalProperties wins.
     */
    private static void putPartitioner(Map<String, Object> producer, KafkaOptions config) {
        String partitioner = config.getPartitioner() == null ? "sarama" : config.getPartitioner().trim();
        if ("sarama".equals(partitioner)) {
            producer.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, SaramaPartitioner.class.getName());
        } else if (!"murmur2".equals(partitioner)) {
            throw new IllegalArgumentException("eventbus:" + config.getTopic() + " has partitioner=" + partitioner
                    + "; use sarama or murmur2");
        }
    }

    /**
     * How long one {@code send} may block ({@code max.block.ms}): a tenth of the publish timeout, 100 ms to 1 s. A publish
     * tries a timed-out send again until its deadline, so it may overrun the publish timeout by at most this much.
     */
    static long maxBlockSlice(long publishTimeout) {
        return Math.max(100, Math.min(1000, publishTimeout / 10));
    }

    /** Properties every client understands (connection, security), as opposed to producer/consumer tuning. */
    private static boolean isClientWide(String name) {
        return name.startsWith("ssl.") || name.startsWith("sasl.") || name.startsWith("security.")
                || name.startsWith("client.dns") || name.startsWith("reconnect.") || name.startsWith("socket.")
                || name.equals(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG)
                || name.equals(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG)
                || name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    private static void putIfSet(Map<String, Object> props, String name, String value) {
        if (value != null && !value.isBlank()) {
            props.put(name, value);
        }
    }
}
