package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.security.GeneralSecurityException;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.NKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a {@link NatsConnection} gives jnats to call back: NKey signing, connection events and errors. */
final class NatsClientEvents {

    private static final Logger LOG = LoggerFactory.getLogger(NatsConnection.class);

    private NatsClientEvents() {
    }

    /** Signs the server nonce with an NKey seed. */
    static final class SeedAuth implements AuthHandler {
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
    record LoggingListener(String servers) implements ConnectionListener {
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

    /**
     * jnats' default listener logs payload-free but noisy warnings; keep them at DEBUG except real errors. Remembers
     * the first exception, which says why a connect failed.
     */
    static final class QuietErrors implements ErrorListener {
        volatile Exception firstException;

        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.warn("NATS server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            if (firstException == null) {
                firstException = exp;
            }
            LOG.debug("NATS connection exception: {}", NatsUrls.redact(exp.toString()));
        }
    }
}
