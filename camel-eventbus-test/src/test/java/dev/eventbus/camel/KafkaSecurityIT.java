package dev.eventbus.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import dev.eventbus.camel.test.tls.TestCertificates;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Kafka broker with a SASL_SSL listener (SCRAM-SHA-512 user created at format time, a server certificate from a CA
 * generated here): a round trip with the right settings, and an early start failure naming the option with wrong ones.
 */
class KafkaSecurityIT {

    private static final String PASSWORD = "admin-pw-" + UUID.randomUUID();
    private static KafkaTestBroker broker;
    private static KafkaTestBroker.Secured secured;
    private static Path untrusted;

    private final String topic = "sec" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void startBroker() {
        Path dir = Path.of("target", "kafka-tls-" + UUID.randomUUID()).toAbsolutePath();
        TestCertificates ca = TestCertificates.newCa(dir, "eventbus-test-ca");
        TestCertificates.ServerCertificate server = ca.server("kafka", "ip:127.0.0.1", "dns:localhost");
        secured = new KafkaTestBroker.Secured(server.keystore(), ca.truststore("truststore"),
                TestCertificates.STORE_PASSWORD, "admin", PASSWORD);
        untrusted = TestCertificates.newCa(dir.resolve("other-ca"), "another-ca").truststore("untrusted");
        broker = KafkaTestBroker.startSecured(secured);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void roundTripOverSaslSsl() throws Exception {
        SecuredBrokerChecks.roundTrip(new DefaultCamelContext(), uri(PASSWORD, secured.truststore()));
    }

    @Test
    void theKitPointsTheComponentAndTheDeadLetterReaderAtTheSecuredBroker() throws Exception {
        String topic = "kit-secured-" + UUID.randomUUID().toString().substring(0, 8);
        DefaultCamelContext camel = new DefaultCamelContext();
        broker.configure(camel);
        // no security options in the URI: the component has the broker's client properties
        SecuredBrokerChecks.roundTrip(camel, "eventbus:" + topic + "?transport=kafka");

        List<DeadLetter> records = DeadLetterReader.kafka(broker).read(topic, 1, Duration.ofSeconds(30));

        assertTrue(records.get(0).valueAsString().contains("\"payload\":{\"n\":1}"), records.get(0)::valueAsString);
    }

    @Test
    void wrongPasswordFailsTheStartNamingSaslJaasConfig() throws Exception {
        assertStartFails(uri("wrong", secured.truststore()), "saslJaasConfig");
    }

    @Test
    void untrustedCaFailsTheStartNamingTheTruststore() throws Exception {
        assertStartFails(uri(PASSWORD, untrusted), "sslTruststoreLocation");
    }

    @Test
    void noTruststoreFailsTheStartNamingTheTruststore() throws Exception {
        // the JVM's default truststore does not hold the test CA
        assertStartFails(uri(PASSWORD, null), "sslTruststoreLocation");
    }

    private String uri(String password, Path truststore) {
        return "eventbus:" + topic + "?transport=kafka&brokers=" + broker.bootstrapServers()
                + "&securityProtocol=SASL_SSL&saslMechanism=SCRAM-SHA-512&saslJaasConfig=RAW("
                + secured.jaasConfig(secured.user(), password) + ")"
                + (truststore == null ? "" : "&sslTruststoreLocation=" + truststore
                        + "&sslTruststorePassword=RAW(" + secured.storePassword() + ")");
    }

    private static void assertStartFails(String uri, String expected) throws Exception {
        SecuredBrokerChecks.assertStartFails(new DefaultCamelContext(), uri, expected);
    }
}
