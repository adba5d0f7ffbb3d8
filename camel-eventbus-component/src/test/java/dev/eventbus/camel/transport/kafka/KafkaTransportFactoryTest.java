package dev.eventbus.camel.transport.kafka;

import java.util.Map;

import dev.eventbus.camel.EventBusConfiguration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka client properties an endpoint builds: TLS host name verification stays on, secrets stay hidden. */
class KafkaTransportFactoryTest {

    private static EventBusConfiguration secured() {
        EventBusConfiguration config = new EventBusConfiguration();
        config.setTopic("orders");
        config.setBrokers("127.0.0.1:9093");
        config.setSecurityProtocol("SASL_SSL");
        config.setSaslMechanism("SCRAM-SHA-512");
        config.setSaslJaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" "
                + "password=\"OPT-PW\";");
        config.setSslTruststoreLocation("/tmp/truststore.p12");
        config.setSslTruststorePassword("TRUST-PW");
        return config;
    }

    @Test
    void tlsKeepsTheClientsHostNameVerification() {
        KafkaSettings settings = KafkaTransportFactory.settings(secured(), 45_000);
        for (Map<String, Object> props : java.util.List.of(settings.producerProperties(), settings.consumerProperties(),
                settings.adminProperties())) {
            assertEquals("SASL_SSL", props.get("security.protocol"));
            // absent: the client's default, https, applies
            assertFalse(props.containsKey(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG),
                    props.keySet()::toString);
        }
        assertEquals("https", SslConfigs.DEFAULT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
    }

    @Test
    void settingsPrintNoSecret() {
        EventBusConfiguration config = secured();
        config.getAdditionalProperties().put("sasl.jaas.config", "x required password=\"JAAS-PW\";");
        config.getAdditionalProperties().put("ssl.key.password", "KEY-PW");
        config.getAdditionalProperties().put("My.Client.SECRET", "SECRET-PW");
        config.getAdditionalProperties().put("sasl.oauthbearer.token.endpoint.url", "TOKEN-URL");
        config.getAdditionalProperties().put("request.timeout.ms", "5000");
        String printed = KafkaTransportFactory.settings(config, 45_000).toString();
        for (String secret : new String[]{"OPT-PW", "TRUST-PW", "JAAS-PW", "KEY-PW", "SECRET-PW", "TOKEN-URL"}) {
            assertFalse(printed.contains(secret), printed);
        }
        assertTrue(printed.contains("sasl.jaas.config=[hidden]"), printed);
        assertTrue(printed.contains("ssl.key.password=[hidden]"), printed);
        assertTrue(printed.contains("My.Client.SECRET=[hidden]"), printed);
        assertTrue(printed.contains("request.timeout.ms=5000"), printed);
        assertTrue(printed.contains("security.protocol=SASL_SSL"), printed);
    }

    @Test
    void saramaIsTheDefaultPartitionerAndMurmur2LeavesTheClientsOwn() {
        EventBusConfiguration config = secured();
        Map<String, Object> sarama = KafkaTransportFactory.settings(config, 45_000).producerProperties();
        assertEquals(SaramaPartitioner.class.getName(), sarama.get(ProducerConfig.PARTITIONER_CLASS_CONFIG));
        config.setPartitioner("murmur2");
        Map<String, Object> murmur2 = KafkaTransportFactory.settings(config, 45_000).producerProperties();
        assertFalse(murmur2.containsKey(ProducerConfig.PARTITIONER_CLASS_CONFIG), murmur2.keySet()::toString);
        // the shared producer is keyed by these properties: the two endpoints get two producers
        assertFalse(sarama.equals(murmur2));
        config.setPartitioner("fnv");
        assertThrows(IllegalArgumentException.class, () -> KafkaTransportFactory.settings(config, 45_000));
    }
}
