package dev.eventbus.camel.transport.nats;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.eventbus.camel.test.tls.TestCertificates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wrapped SSLContext verifies host names the way jnats 2.24.1 uses it: {@code createSocket(socket, host, port,
 * true)} on a connected plain socket, then the handshake.
 */
class HostnameVerificationTest {

    private final Path dir = Path.of("target", "tls-" + UUID.randomUUID()).toAbsolutePath();
    private final TestCertificates ca = TestCertificates.newCa(dir, "test-ca");
    private final SSLContext client = clientContext(ca.truststore("truststore"));

    @Test
    void aCertificateForAnotherHostFails() throws Exception {
        TestCertificates.ServerCertificate other = ca.server("other", "dns:other.example");
        // what jnats does with the plain context: the chain is trusted, the name never checked
        handshake(other, client);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> handshake(other, HostnameVerification.verifying(client)));
        assertTrue(e.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"), e::toString);
    }

    @Test
    void aCertificateNamingTheHostWorks() throws Exception {
        handshake(ca.server("good", "ip:127.0.0.1", "dns:localhost"), HostnameVerification.verifying(client));
    }

    /** Connects to a one-shot TLS server with {@code certificate} as jnats does, and completes the handshake. */
    private static void handshake(TestCertificates.ServerCertificate certificate, SSLContext clientContext)
            throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext(certificate).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket peer = (SSLSocket) server.accept(); InputStream in = peer.getInputStream()) {
                    in.read();
                } catch (Exception e) {
                    // the client's failed handshake ends the server's too
                }
            });
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2000);
                SSLSocket tls = (SSLSocket) clientContext.getSocketFactory()
                        .createSocket(plain, "127.0.0.1", server.getLocalPort(), true);
                tls.setUseClientMode(true);
                tls.startHandshake();
                tls.close();
            } finally {
                accepted.join();
            }
        }
    }

    private static SSLContext clientContext(Path truststore) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext serverContext(TestCertificates.ServerCertificate certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, TestCertificates.STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }
}
