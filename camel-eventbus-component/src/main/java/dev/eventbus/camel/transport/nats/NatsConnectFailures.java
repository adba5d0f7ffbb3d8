package dev.eventbus.camel.transport.nats;

import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLException;

/**
 * Explains why a NATS connection could not be made: which endpoint option to check for an authentication or TLS
 * failure, and the jnats exception with any credential in a server URL masked (jnats quotes the URLs).
 */
final class NatsConnectFailures {

    private NatsConnectFailures() {
    }

    /**
     * A sentence naming the options to check for {@code cause} (what the error listener saw first) or else
     * {@code failure} (what {@code connect} threw), starting with "; ", or "" when none applies.
     */
    static String hint(Throwable cause, Throwable failure, NatsSettings.NatsAuth auth) {
        String hint = hint(cause, auth);
        return hint.isEmpty() ? hint(failure, auth) : hint;
    }

    private static String hint(Throwable failure, NatsSettings.NatsAuth auth) {
        String text = describe(failure).toLowerCase(Locale.ROOT);
        boolean tls = auth.secure() || auth.sslContext() != null;
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "; the server's TLS certificate does not name the host connected to (host name verification is on): "
                    + "connect with a host name or IP address the certificate lists";
        }
        if (hasCause(failure, SSLException.class) || hasCause(failure, CertificateException.class)
                || text.contains("pkix") || text.contains("certificate")) {
            return "; the TLS handshake failed: check sslContextParameters (its truststore must hold the CA that signed "
                    + "the server's certificate)";
        }
        if (text.contains("tls required") || text.contains("ssl required") || text.contains("secure connection")) {
            return tls ? "" : "; the server requires TLS: set secure=true or sslContextParameters";
        }
        if (text.contains("authorization") || text.contains("authentication")) {
            return "; the server refused the credentials: check " + credentialOptions(auth);
        }
        return "";
    }

    private static String credentialOptions(NatsSettings.NatsAuth auth) {
        if (auth.credentialsFilePath() != null) {
            return "credentialsFilePath";
        }
        if (auth.nkeySeed() != null) {
            return "nkey";
        }
        if (auth.token() != null) {
            return "token";
        }
        if (auth.username() != null) {
            return "username and password";
        }
        return "the credentials (none is set: username/password, token, nkey or credentialsFilePath)";
    }

    /** {@code failure}, or when a message of its chain quotes credentials, a copy of the chain with them masked. */
    static Throwable redacted(Throwable failure) {
        if (failure == null || !leaks(failure)) {
            return failure;
        }
        Throwable copy = new RedactedException(
                failure.getClass().getName() + ": " + NatsUrls.redact(failure.getMessage()),
                redacted(failure.getCause() == failure ? null : failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static boolean leaks(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !Objects.equals(t.getMessage(), NatsUrls.redact(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append(' ');
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Stands in for a jnats exception whose message quoted credentials; carries its class name and stack trace. */
    static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
