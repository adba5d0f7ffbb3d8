package dev.eventbus.camel;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

import dev.eventbus.camel.test.nats.NatsOperator;
import dev.eventbus.camel.test.nats.NatsServerConfig;
import dev.eventbus.camel.test.nats.NatsTestServer;
import dev.eventbus.camel.test.tls.TestCertificates;
import io.nats.client.NKey;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secured nats-servers (TLS with a CA and server certificates generated here; users with a password or an NKey; a
 * token; decentralized JWT authentication with a {@code .creds} file): a round trip with the right settings, and an early start failure naming the option with wrong ones. TLS
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
    private static NatsTestServer operatorServer;
    private static Path userCreds;

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
        NatsOperator operator = NatsOperator.create();
        userCreds = operator.writeUserCreds(dir.resolve("user.creds"));
        operatorServer = NatsTestServer.startNew(new NatsServerConfig().tls(good).with(operator.configText()).text());
    }

    @AfterAll
    static void stopServers() {
        for (NatsTestServer server : new NatsTestServer[]{users, tokenServer, wrongHost, operatorServer}) {
            if (server != null) {
                server.close();
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
    void tlsAndCredentialsFile() throws Exception {
        roundTrip(operatorServer, "credentialsFilePath=" + userCreds + "&sslContextParameters=#trusted");
    }

    @Test
    void missingCredentialsFileFailsTheStartNamingIt() throws Exception {
        assertStartFails(operatorServer, "credentialsFilePath=" + userCreds.resolveSibling("missing.creds")
                + "&sslContextParameters=#trusted", "credentialsFilePath");
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
        SecuredBrokerChecks.roundTrip(context(), uri(server, options));
    }

    private void assertStartFails(NatsTestServer server, String options, String expected) throws Exception {
        SecuredBrokerChecks.assertStartFails(context(), uri(server, options), expected);
    }

    private String uri(NatsTestServer server, String options) {
        return "eventbus:" + topic + "?transport=nats&servers=" + server.serverUrl() + "&" + options;
    }

    private static CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("trusted", sslContextParameters(truststore));
        context.getRegistry().bind("untrusted", sslContextParameters(untrustedStore));
        return context;
    }

    private static SSLContextParameters sslContextParameters(Path store) {
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
}
