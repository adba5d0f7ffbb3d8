package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import dev.eventbus.camel.transport.PublisherStatus;
import dev.eventbus.camel.transport.ThreadPools;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * A NATS connection shared by the endpoints of one CamelContext with equal servers and credentials, with the bound on
 * publishes awaiting their PubAck. It reconnects forever (every 250 ms to 2 s); closing it ends jnats' threads and its
 * {@link NatsWatchdog}.
 */
final class NatsConnection implements AutoCloseable {

    /** Longest connection attempt per server at start. */
    static final long MAX_CONNECT_MILLIS = 5000;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final Semaphore pendingPublishes;
    private final NatsWatchdog watchdog;
    /** Whether this component connected it (and so closes it); false for a connection the user supplied. */
    private final boolean owned;
    /** Names this shared connection in health checks: {@code nats-<n>}. */
    private final String name = "nats-" + NAMES.incrementAndGet();

    private NatsConnection(Connection connection, boolean owned, int maxPendingPublishes, ThreadPools threads)
            throws IOException {
        this.connection = connection;
        this.owned = owned;
        this.jetStream = connection.jetStream();
        this.management = connection.jetStreamManagement();
        this.pendingPublishes = new Semaphore(maxPendingPublishes);
        this.watchdog = new NatsWatchdog(connection, threads);
    }

    /**
     * Fails {@code publish} with a {@link TimeoutException} when it is not complete at
     * {@code deadlineNanos}: jnats may never complete a publish whose PubAck was lost with the connection.
     */
    void expireAt(CompletableFuture<?> publish, long deadlineNanos) {
        watchdog.expireAt(publish, deadlineNanos);
    }

    /**
     * Connects to {@code key}'s servers, trying each once for its share of {@code timeoutMillis} (at most
     * {@value #MAX_CONNECT_MILLIS} ms); fails with a message
     * naming the servers (never the credentials) and, for an authentication or TLS failure, the options to check.
     */
    static NatsConnection open(Key key, ThreadPools threads, long timeoutMillis) {
        String servers = NatsUrls.redact(key.serverUrls());
        NatsClientEvents.QuietErrors errors = new NatsClientEvents.QuietErrors();
        try {
            // at most 5 s each: jnats waits out the connection timeout when the server refuses the credentials
            int count = key.serverUrls().split("\\s*,\\s*").length;
            long perServer = Math.max(200, Math.min(MAX_CONNECT_MILLIS, timeoutMillis / count));
            Options options = options(key, errors).connectionTimeout(Duration.ofMillis(perServer)).build();
            return new NatsConnection(Nats.connect(options), true, key.maxPendingPublishes(), threads);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // jnats reports only "Unable to connect to NATS servers"; the cause (e.g. the TLS handshake's) went to the
            // error listener
            boolean generic = e.getMessage() != null && e.getMessage().startsWith("Unable to connect");
            Throwable cause = errors.firstException == null || !generic ? e : errors.firstException;
            throw new IllegalStateException(
                    "cannot connect to NATS at " + servers + ": " + NatsUrls.redact(e.getMessage())
                            + (cause == e ? "" : " (" + NatsUrls.redact(cause.toString()) + ")")
                            + NatsConnectFailures.hint(cause, e, key.auth()),
                    NatsConnectFailures.redacted(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS at " + servers, e);
        }
    }

    /**
     * Uses a connection the user supplied (option {@code connection}): with the publish bound and the watchdog, but
     * {@link #close()} leaves the connection itself open; its owner closes it.
     */
    static NatsConnection supplied(Supplied key, ThreadPools threads) {
        try {
            return new NatsConnection(key.connection(), false, key.maxPendingPublishes(), threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the supplied NATS connection for JetStream: " + e.getMessage(),
                    e);
        }
    }

    /**
     * jnats options for {@code key}. TLS (the {@code sslContext}, {@code secure}, or a {@code tls://} server URL)
     * always verifies that the server certificate names the host connected to: see {@link HostnameVerification}.
     */
    static Options.Builder options(Key key, NatsClientEvents.QuietErrors errors)
            throws IOException, GeneralSecurityException {
        NatsSettings.NatsAuth auth = key.auth();
        String[] servers = key.serverUrls().split("\\s*,\\s*");
        Options.Builder builder = new Options.Builder()
                .servers(servers)
                .connectionName("camel-eventbus")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5))
                .reconnectBufferSize(64L * 1024 * 1024)
                .errorListener(errors)
                .connectionListener(new NatsClientEvents.LoggingListener(NatsUrls.redact(key.serverUrls())));
        if (auth.username() != null) {
            builder.userInfo(auth.username(), auth.password() == null ? "" : auth.password());
        }
        if (auth.token() != null) {
            builder.token(auth.token().toCharArray());
        }
        if (auth.credentialsFilePath() != null) {
            if (!Files.isReadable(Path.of(auth.credentialsFilePath()))) {
                // jnats reads the file only while connecting and then reports "Error sending connect string"
                throw new IllegalArgumentException("credentialsFilePath " + auth.credentialsFilePath()
                        + " is not a readable file");
            }
            builder.authHandler(Nats.credentials(auth.credentialsFilePath()));
        } else if (auth.nkeySeed() != null) {
            builder.authHandler(new NatsClientEvents.SeedAuth(auth.nkeySeed().toCharArray()));
        }
        if (auth.sslContext() != null) {
            builder.sslContext(HostnameVerification.verifying(auth.sslContext()));
        } else if (auth.secure() || Arrays.stream(servers).anyMatch(NatsConnection::isTlsUrl)) {
            builder.sslContext(HostnameVerification.verifying(SSLContext.getDefault()));
        }
        return builder;
    }

    /** {@code tls://} and {@code wss://} URLs ask jnats for TLS with the JDK's default context. */
    private static boolean isTlsUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("tls://") || lower.startsWith("wss://");
    }

    Connection connection() {
        return connection;
    }

    /** Any thread: whether jnats reports the connection CONNECTED, and the servers, without credentials. */
    PublisherStatus status() {
        String servers = connection.getConnectedUrl();
        if (servers == null) {
            servers = String.join(",", connection.getServers());
        }
        return new PublisherStatus(name, "nats", connection.getStatus() == Connection.Status.CONNECTED,
                NatsUrls.redact(servers));
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
        watchdog.close();
        if (owned) {
            connection.close();
        }
    }

    /**
     * Identifies a shared connection: server URLs (which may hold credentials), credentials and the publish bound.
     * Prints no credential.
     */
    record Key(String serverUrls, NatsSettings.NatsAuth auth, int maxPendingPublishes) {
        @Override
        public String toString() {
            return "NatsConnection.Key[" + NatsUrls.redact(serverUrls) + "]";
        }
    }

    /** Identifies the use of a connection the user supplied: the connection (by identity) and the publish bound. */
    record Supplied(Connection connection, int maxPendingPublishes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Supplied that && that.connection == connection
                    && that.maxPendingPublishes == maxPendingPublishes;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(connection) * 31 + maxPendingPublishes;
        }

        @Override
        public String toString() {
            return "NatsConnection.Supplied[" + connection.getClass().getSimpleName() + "]";
        }
    }
}
