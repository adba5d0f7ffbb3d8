package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NATS connection shared by the endpoints of one CamelContext with equal servers and credentials, with the bound on
 * publishes awaiting their PubAck. It reconnects forever (every 250 ms to 2 s); closing it ends jnats' threads.
 */
final class NatsConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsConnection.class);

    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final Semaphore pendingPublishes;

    private NatsConnection(Connection connection, int maxPendingPublishes) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.management = connection.jetStreamManagement();
        this.pendingPublishes = new Semaphore(maxPendingPublishes);
    }

    /** Connects to {@code key}'s servers; fails with a message naming the servers (never the credentials). */
    static NatsConnection open(Key key) {
        try {
            Options options = options(key).build();
            return new NatsConnection(Nats.connect(options), key.maxPendingPublishes());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot connect to NATS at " + key.servers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS at " + key.servers(), e);
        }
    }

    static Options.Builder options(Key key) throws IOException, GeneralSecurityException {
        NatsSettings.NatsAuth auth = key.auth();
        Options.Builder builder = new Options.Builder()
                .servers(key.servers().split("\\s*,\\s*"))
                .connectionName("camel-eventbus")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5))
                .reconnectBufferSize(64L * 1024 * 1024)
                .errorListener(new QuietErrors())
                .connectionListener(new LoggingListener(key.servers()));
        if (auth.username() != null) {
            builder.userInfo(auth.username(), auth.password() == null ? "" : auth.password());
        }
        if (auth.token() != null) {
            builder.token(auth.token().toCharArray());
        }
        if (auth.credentialsFilePath() != null) {
            builder.authHandler(Nats.credentials(auth.credentialsFilePath()));
        } else if (auth.nkeySeed() != null) {
            builder.authHandler(new SeedAuth(auth.nkeySeed().toCharArray()));
        }
        if (auth.sslContext() != null) {
            builder.sslContext(auth.sslContext());
        } else if (auth.secure()) {
            builder.secure();
        }
        return builder;
    }

    Connection connection() {
        return connection;
    }

    JetStream jetStream() {
        return jetStream;
    }

    JetStreamManagement management() {
        return management;
    }

    /** Takes a slot for one publish awaiting its ack, waiting up to {@code timeoutNanos}; false when none came free. */
    boolean acquirePublishSlot(long timeoutNanos) throws InterruptedException {
        return pendingPublishes.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns a publish slot. */
    void releasePublishSlot() {
        pendingPublishes.release();
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }

    /**
     * Identifies a shared connection: servers, credentials and the publish bound. Prints no credential.
     */
    record Key(String servers, NatsSettings.NatsAuth auth, int maxPendingPublishes) {
        @Override
        public String toString() {
            return "NatsConnection.Key[" + servers + "]";
        }
    }

    /** Signs the server nonce with an NKey seed. */
    private static final class SeedAuth implements AuthHandler {
        private final char[] seed;

        SeedAuth(char[] seed) {
            this.seed = seed;
        }

        @Override
        public byte[] sign(byte[] nonce) {
            try {
                return NKey.fromSeed(seed).sign(nonce);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot sign with the configured NKey seed", e);
            }
        }

        @Override
        public char[] getID() {
            try {
                return NKey.fromSeed(seed).getPublicKey();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("the configured NKey seed is not valid", e);
            }
        }

        @Override
        public char[] getJWT() {
            return null;
        }
    }

    /** Logs connection state changes at INFO/WARN (servers only). */
    private record LoggingListener(String servers) implements ConnectionListener {
        @Override
        public void connectionEvent(Connection conn, Events type) {
            switch (type) {
                case DISCONNECTED -> LOG.warn("NATS connection to {} lost; reconnecting", servers);
                case RECONNECTED -> LOG.info("NATS connection to {} re-established", servers);
                case CLOSED -> LOG.debug("NATS connection to {} closed", servers);
                default -> LOG.debug("NATS connection {}: {}", servers, type);
            }
        }
    }

    /** jnats' default listener logs payload-free but noisy warnings; keep them at DEBUG except real errors. */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.warn("NATS server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("NATS connection exception: {}", exp.toString());
        }
    }
}
