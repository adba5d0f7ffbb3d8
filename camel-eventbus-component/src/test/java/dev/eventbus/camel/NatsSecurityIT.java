package dev.eventbus.camel;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.NatsServerConfig;
import dev.eventbus.camel.testsupport.NatsTestServer;
import dev.eventbus.camel.testsupport.TestCertificates;
import io.nats.client.NKey;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secured nats-servers (TLS with a CA and server certificates generated here; users with a password or an NKey; a
 * token): a round trip with the right settings, and an early start failure naming the option with wrong ones. TLS
 * verifies that the server certificate names the host connected to.
 */
class NatsSecurityIT {

    private static final String PASSWORD = "alice-pw-" + UUID.randomUUID();
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static Path truststore;
    private static Path untrustedStore;
    private static String nkeySeed;
    private static NatsTestServer users;
    private static NatsTestServer tokenServer;
    private static NatsTestServer wrongHost;

    private final String topic = "sec" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void startServers() throws Exception {
        Path dir = Paths.get("target", "nats-tls-" + UUID.randomUUID()).toAbsolutePath();
        TestCertificates ca = TestCertificates.newCa(dir, "eventbus-test-ca");
        TestCertificates.ServerCertificate good = ca.server("nats", "ip:127.0.0.1", "dns:localhost");
        TestCertificates.ServerCertificate other = ca.server("other", "dns:other.example");
        truststore = ca.truststore("truststore");
        untrustedStore = TestCertificates.newCa(dir.resolve("other-ca"), "another-ca").truststore("untrusted");
        NKey nkey = NKey.createUser(null);
        nkeySeed = new String(nkey.getSeed());
        users = NatsTestServer.startNew(new NatsServerConfig().tls(good).user("alice", PASSWORD)
                .nkeyUser(new String(nkey.getPublicKey())).text());
        tokenServer = NatsTestServer.startNew(new NatsServerConfig().tls(good).token(TOKEN).text());
        wrongHost = NatsTestServer.startNew(new NatsServerConfig().tls(other).text());
    }

    @AfterAll
    static void stopServers() {
        for (NatsTestServer server : new NatsTestServer[] {users, tokenServer, wrongHost}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void tlsAndPassword() throws Exception {
        roundTrip(users, "username=alice&password=RAW(" + PASSWORD + ")&sslContextParameters=#trusted");
    }

    @Test
    void tlsAndNkey() throws Exception {
        roundTrip(users, "nkey=RAW(" + nkeySeed + ")&sslContextParameters=#trusted");
    }

    @Test
    void tlsAndToken() throws Exception {
        roundTrip(tokenServer, "token=RAW(" + TOKEN + ")&sslContextParameters=#trusted");
    }

    @Test
    void wrongPasswordFailsTheStartNamingPassword() throws Exception {
        assertStartFails(users, "username=alice&password=wrong&sslContextParameters=#trusted", "username and password");
    }

    @Test
    void wrongTokenFailsTheStartNamingToken() throws Exception {
        assertStartFails(tokenServer, "token=wrong&sslContextParameters=#trusted", "check token");
    }

    @Test
    void untrustedCaFailsTheStartNamingSslContextParameters() throws Exception {
        assertStartFails(users, "username=alice&password=RAW(" + PASSWORD + ")&sslContextParameters=#untrusted",
                "sslContextParameters");
    }

    @Test
    void noTlsFailsTheStartNamingSecure() throws Exception {
        assertStartFails(users, "username=alice&password=RAW(" + PASSWORD + ")", "secure=true or sslContextParameters");
    }

    @Test
    void certificateForAnotherHostFailsTheStart() throws Exception {
        // the certificate is signed by the trusted CA but names other.example, not 127.0.0.1
        assertStartFails(wrongHost, "sslContextParameters=#trusted", "does not name the host");
    }

    private void roundTrip(NatsTestServer server, String options) throws Exception {
        String uri = uri(server, options);
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
            out.assertIsSatisfied(10_000);
        } finally {
            context.close();
        }
    }

    private void assertStartFails(NatsTestServer server, String options, String expected) throws Exception {
        String uri = uri(server, options);
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
            String messages = messages(e);
            System.out.println("start failed after " + millis + " ms: " + messages);
            assertTrue(messages.contains(expected), "expected '" + expected + "' in: " + messages);
            assertTrue(millis < 10_000, "the start took " + millis + " ms to fail: " + messages);
        } finally {
            context.close();
        }
    }

    private String uri(NatsTestServer server, String options) {
        return "eventbus:" + topic + "?transport=nats&servers=" + server.serverUrl() + "&" + options;
    }

    private static CamelContext context(RouteBuilder routes) {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("trusted", sslContextParameters(truststore));
        context.getRegistry().bind("untrusted", sslContextParameters(untrustedStore));
        try {
            context.addRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return context;
    }

    static SSLContextParameters sslContextParameters(Path store) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + store);
        keyStore.setPassword(TestCertificates.STORE_PASSWORD);
        keyStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
