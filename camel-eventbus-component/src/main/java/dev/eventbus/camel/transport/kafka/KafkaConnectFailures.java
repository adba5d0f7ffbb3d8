package dev.eventbus.camel.transport.kafka;

import java.util.Locale;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** Names the endpoint options to check when a Kafka client could not authenticate or complete its TLS handshake. */
final class KafkaConnectFailures {

    private KafkaConnectFailures() {
    }

    /** {@code failure}, or a failure whose message adds the options to check; the original is its cause. */
    static RuntimeException explain(RuntimeException failure) {
        String hint = hint(failure);
        return hint.isEmpty() ? failure : new IllegalStateException(failure.getMessage() + hint, failure);
    }

    /** A sentence naming the options to check, starting with "; ", or "" when {@code failure} is no security failure. */
    static String hint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return "; the broker refused the login: check saslJaasConfig (user name and password) and saslMechanism";
            }
            if (t instanceof SslAuthenticationException) {
                return "; the TLS handshake failed: check sslTruststoreLocation and sslTruststorePassword (the truststore "
                        + "must hold the CA that signed the broker's certificate, which must name the broker's host)";
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("truststore") || message.contains("keystore")) {
                return "; check sslTruststoreLocation/sslTruststorePassword and sslKeystoreLocation/sslKeystorePassword";
            }
        }
        return "";
    }
}
