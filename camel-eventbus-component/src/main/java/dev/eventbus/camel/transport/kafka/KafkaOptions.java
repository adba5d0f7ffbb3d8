package dev.eventbus.camel.transport.kafka;

import java.util.Map;

import dev.eventbus.camel.transport.TransportOptions;
import org.apache.camel.component.kafka.KafkaClientFactory;

/** The endpoint options of the Kafka transport; their documentation is on the endpoint's configuration. */
public interface KafkaOptions extends TransportOptions {

    String getBrokers();

    Map<String, Object> getAdditionalProperties();

    short getReplicationFactor();

    boolean isAutoCreateTopics();

    int getLingerMs();

    int getBatchSize();

    String getCompressionCodec();

    String getPartitioner();

    int getMaxPollRecords();

    Long getRevokeTimeout();

    String getSecurityProtocol();

    String getSaslMechanism();

    String getSaslJaasConfig();

    String getSslTruststoreLocation();

    String getSslTruststorePassword();

    String getSslKeystoreLocation();

    String getSslKeystorePassword();

    String getSslKeyPassword();

    /** The factory of the producer and the consumers; null for camel-kafka's default. */
    KafkaClientFactory getKafkaClientFactory();
}
