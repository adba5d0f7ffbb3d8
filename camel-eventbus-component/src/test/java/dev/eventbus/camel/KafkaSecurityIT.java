package dev.eventbus.camel;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.KafkaTestBroker;
import dev.eventbus.camel.testsupport.TestCertificates;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
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
        String uri = uri(PASSWORD, secured.truststore());
        CamelContext context = context(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri + "&groupId=secured").routeId("consumer").to("mock:out");
            }
        });
        try {
            context.start();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedBodiesReceived("{\"n\":1}");
            context.createProducerTemplate().sendBodyAndHeaders(uri, "{\"n\":1}",
                    EventBusTestSupport.event("order-1", "OrderPlaced", 1));
            out.assertIsSatisfied(20_000);
        } finally {
            context.close();
        }
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

    private void assertStartFails(String uri, String expected) throws Exception {
        CamelContext context = context(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(uri);
            }
        });
        long begin = System.nanoTime();
        try {
            Exception e = assertThrows(Exception.class, context::start);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            String messages = NatsSecurityIT.messages(e);
            System.out.println("start failed after " + millis + " ms: " + messages);
            assertTrue(messages.contains(expected), "expected '" + expected + "' in: " + messages);
            assertTrue(millis < 10_000, "the start took " + millis + " ms to fail: " + messages);
        } finally {
            context.close();
        }
    }

    private static CamelContext context(RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(routes);
        return context;
    }
}
