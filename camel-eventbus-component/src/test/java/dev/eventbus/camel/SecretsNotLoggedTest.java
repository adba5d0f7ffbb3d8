package dev.eventbus.camel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.testsupport.CapturedLogs;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No secret reaches a log line or an exception message: credentials in NATS server URLs and Kafka client properties
 * whose names suggest a secret. The brokers are unreachable (a closed port), so starting fails and every path that
 * names servers or settings in a message or log line runs. The component's and jnats' loggers log at DEBUG meanwhile,
 * Camel's and Kafka's at INFO (Camel's own DEBUG line "Creating endpoint uri=..." masks only option names it knows as
 * secret, so {@code additionalProperties.sasl.jaas.config} shows there: use the {@code saslJaasConfig} option).
 */
class SecretsNotLoggedTest {

    private static final List<String> SECRETS = List.of("PW-alice-1", "TOKEN-2", "JAAS-3", "KEYPW-4", "TRUSTPW-5",
            "OPT-JAAS-6", "MYSECRET-7");

    @Test
    void natsCredentialsInServerUrlsAreMasked() throws Exception {
        int port = closedPort();
        String servers = "nats://alice:PW-alice-1@127.0.0.1:" + port + ",nats://TOKEN-2@127.0.0.1:" + port;
        String failure = startFailing("eventbus:t?transport=nats&servers=" + servers);
        assertTrue(failure.contains("127.0.0.1:" + port) && failure.contains("alice"), failure);
    }

    @Test
    void kafkaSecretPropertiesAreHidden() throws Exception {
        int port = closedPort();
        String uri = "eventbus:t?transport=kafka&brokers=127.0.0.1:" + port
                + "&securityProtocol=SASL_PLAINTEXT&saslMechanism=PLAIN"
                + "&saslJaasConfig=RAW(org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"OPT-JAAS-6\";)"
                + "&additionalProperties.sasl.jaas.config=RAW(org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"JAAS-3\";)"
                + "&additionalProperties.ssl.key.password=KEYPW-4&additionalProperties.ssl.truststore.password=TRUSTPW-5"
                + "&additionalProperties.my.app.Secret=MYSECRET-7"
                + "&additionalProperties.default.api.timeout.ms=1000&additionalProperties.request.timeout.ms=1000";
        startFailing(uri);
    }

    @Test
    void endpointUrisCamelShowsInJmxRouteDumpsAndLogsMaskCredentials() throws Exception {
        // Camel masks only option names it knows as secret (URISupport.sanitizeUri): JMX ObjectNames, the EndpointUri
        // attribute, route dumps and DEBUG lines show the rest. Camel 4.17 masks only the first extra keyword present
        // in a URI (replaceFirst), so a URI with an NKey seed and credentials in its server URLs is checked apart
        assertMasked("eventbus:a?transport=nats&servers=nats://alice:PW-alice-1@127.0.0.1:4222,nats://TOKEN-2@h:4222"
                + "&token=TOKEN-9&password=PW-10", "PW-alice-1", "TOKEN-2", "TOKEN-9", "PW-10");
        assertMasked("eventbus:b?transport=nats&servers=nats://127.0.0.1:4222&nkey=SUSEED-NKEY-8", "SUSEED-NKEY-8");
    }

    private static void assertMasked(String uri, String... secrets) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").autoStartup(false).to(uri);
                }
            });
            context.start();
            Endpoint endpoint = context.getEndpoints().stream()
                    .filter(e -> e.getEndpointUri().startsWith("eventbus:")).findFirst().orElseThrow();
            for (String shown : List.of(URISupport.sanitizeUri(endpoint.getEndpointUri()), endpoint.toString(),
                    URISupport.sanitizeUri(endpoint.getEndpointBaseUri()))) {
                for (String secret : secrets) {
                    assertFalse(shown.contains(secret), "Camel shows " + secret + " in " + shown);
                }
            }
        }
    }

    /** Starts a context whose route publishes to {@code uri}; returns the failure, having checked it and the logs. */
    private static String startFailing(String uri) throws Exception {
        String failure;
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start(Map.of("dev.eventbus", Level.DEBUG, "org.apache.camel", Level.INFO,
                "org.apache.kafka", Level.INFO, "io.nats", Level.DEBUG))) {
            CamelContext context = new DefaultCamelContext();
            try {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to(uri);
                    }
                });
                Exception e = assertThrows(Exception.class, context::start);
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                failure = trace.toString();
            } finally {
                context.close();
            }
            lines = logs.lines();
        }
        assertFalse(lines.isEmpty(), "no log line captured");
        for (String secret : SECRETS) {
            assertFalse(failure.contains(secret), "the failed start's exception shows " + secret + ":\n" + failure);
            for (String line : lines) {
                assertFalse(line.contains(secret), "a log line shows " + secret + ":\n" + line);
            }
        }
        return failure;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
