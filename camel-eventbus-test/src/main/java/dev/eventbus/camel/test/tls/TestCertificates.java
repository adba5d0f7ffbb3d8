package dev.eventbus.camel.test.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and server certificates for TLS tests, generated at runtime with BouncyCastle (EC P-256, valid one
 * day), written under a directory as PEM (for nats-server) and PKCS12 stores (for Java clients and the Kafka broker).
 */
public final class TestCertificates {

    /** Password of every PKCS12 store written here. */
    public static final String STORE_PASSWORD = "changeit-test";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKey;
    private final X509Certificate ca;

    private TestCertificates(Path dir, String caName) throws GeneralSecurityException {
        this.dir = dir;
        this.caKey = keyPair();
        this.ca = sign(new X500Name("CN=" + caName), caKey, new X500Name("CN=" + caName), caKey, null, true);
    }

    /** A new CA named {@code caName} that writes its files under {@code dir}. */
    public static TestCertificates newCa(Path dir, String caName) {
        try {
            Files.createDirectories(dir);
            return new TestCertificates(dir, caName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 truststore holding this CA: {@code <dir>/<name>.p12}, password {@link #STORE_PASSWORD}. */
    public Path truststore(String name) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            return write(store, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server certificate signed by this CA for the subject alternative names {@code sans} (each {@code ip:1.2.3.4}
     * or {@code dns:name}), written as {@code <name>-cert.pem} (certificate then CA), {@code <name>-key.pem}
     * (PKCS#8) and {@code <name>.p12} (key and chain, alias {@code server}).
     */
    public ServerCertificate server(String name, String... sans) {
        try {
            KeyPair key = keyPair();
            GeneralName[] names = new GeneralName[sans.length];
            for (int i = 0; i < sans.length; i++) {
                String[] san = sans[i].split(":", 2);
                names[i] = new GeneralName(san[0].equalsIgnoreCase("ip") ? GeneralName.iPAddress : GeneralName.dNSName,
                        san[1]);
            }
            X509Certificate cert = sign(new X500Name("CN=" + name), key,
                    new X500Name(ca.getSubjectX500Principal().getName()),
                    caKey, new GeneralNames(names), false);
            Path certPem = dir.resolve(name + "-cert.pem");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
            Path keyPem = dir.resolve(name + "-key.pem");
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getPrivate().getEncoded()));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key.getPrivate(), STORE_PASSWORD.toCharArray(), new Certificate[]{cert, ca});
            return new ServerCertificate(certPem, keyPem, write(store, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM files (for nats-server) and a PKCS12 keystore (for Kafka) of one server certificate. */
    public record ServerCertificate(Path certPem, Path keyPem, Path keystore) {
    }

    private Path write(KeyStore store, String name) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
            GeneralNames sans, boolean isCa) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
