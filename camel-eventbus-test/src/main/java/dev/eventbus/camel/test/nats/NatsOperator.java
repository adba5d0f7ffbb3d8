package dev.eventbus.camel.test.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;

/**
 * Decentralized (JWT) authentication for a {@link NatsTestServer}: an operator, a system account and one account with
 * JetStream, all generated here; {@link #configText()} is the server's configuration (memory resolver) and
 * {@link #writeUserCreds(Path)} writes a {@code .creds} file (user JWT and seed) of a new user of the account.
 */
public final class NatsOperator {

    private static final String ACCOUNT_LIMITS = "\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
            + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1";
    private final NKey account;
    private final String config;

    private NatsOperator() throws GeneralSecurityException, IOException {
        NKey operator = NKey.createOperator(null);
        NKey system = NKey.createAccount(null);
        account = NKey.createAccount(null);
        String operatorJwt = jwt(operator, operator, "test-operator", "{\"type\":\"operator\",\"version\":2}");
        String systemJwt = jwt(operator, system, "SYS",
                "{\"limits\":{" + ACCOUNT_LIMITS + "},\"type\":\"account\",\"version\":2}");
        String accountJwt = jwt(operator, account, "eventbus",
                "{\"limits\":{" + ACCOUNT_LIMITS
                        + ",\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1},"
                        + "\"default_permissions\":{\"pub\":{},\"sub\":{}},\"type\":\"account\",\"version\":2}");
        config = "operator: " + operatorJwt + "\nsystem_account: " + publicKey(system) + "\nresolver: MEMORY\n"
                + "resolver_preload: {\n  " + publicKey(account) + ": " + accountJwt + "\n  " + publicKey(system) + ": "
                + systemJwt + "\n}\n";
    }

    /** A new operator with its accounts. */
    public static NatsOperator create() {
        try {
            return new NatsOperator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server configuration lines (append TLS etc. as needed). */
    public String configText() {
        return config;
    }

    /** Writes the {@code .creds} file of a new user of the account to {@code file}; returns it. */
    public Path writeUserCreds(Path file) {
        try {
            NKey user = NKey.createUser(null);
            String userJwt = JwtUtils.issueUserJWT(account, publicKey(account), publicKey(user));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "-----BEGIN NATS USER JWT-----\n" + userJwt + "\n------END NATS USER JWT------\n\n"
                    + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed())
                    + "\n------END USER NKEY SEED------\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(NKey issuer, NKey subject, String name, String claims)
            throws GeneralSecurityException, IOException {
        return JwtUtils.issueJWT(issuer, publicKey(subject), name, null, System.currentTimeMillis() / 1000,
                publicKey(issuer), null, () -> claims);
    }

    private static String publicKey(NKey key) {
        try {
            return new String(key.getPublicKey());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
