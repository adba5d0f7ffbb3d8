package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NATS connection shared by the endpoints of one CamelContext with equal servers and credentials, with the bound on
 * publishes awaiting their PubAck. It reconnects forever (every 250 ms to 2 s); closing it ends jnats' threads.
 * <p>
 * A watchdog forces a reconnect when the connection is up but its writer is wedged. jnats 2.24.1 has a race in its
 * reconnect (nats-io/nats.java#1522): the writer thread can stay in reconnect mode, waiting for an end-of-reconnect
 * marker that a racing {@code enterReconnectMode()} cleared, while everything else (publishes, acks, pull requests,
 * PINGs) queues up behind it unsent. The connection then reports CONNECTED but sends nothing: publishes time out,
 * the pull consumer never re-pulls, acks are lost; only jnats' own stale-connection check (two unanswered PINGs at the
 * 2-minute ping interval) ends it minutes later. It happens on loaded machines, e.g. when the server restarts. So every
 * {@value #WATCHDOG_PERIOD_MILLIS} ms the watchdog sends a PING ({@code flush}); when the PONG does not come within
 * {@value #WATCHDOG_FLUSH_MILLIS} ms and not one byte was written meanwhile (the PING itself was not sent), twice in a
 * row, it calls {@code forceReconnect()}, which restarts the writer. A merely slow connection keeps writing bytes and is
 * left alone.
 */
final class NatsConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsConnection.class);
    static final long WATCHDOG_PERIOD_MILLIS = 2000;
    static final long SWEEP_PERIOD_MILLIS = 100;
    static final long WATCHDOG_FLUSH_MILLIS = 3000;
    /** Longest connection attempt per server at start. */
    static final long MAX_CONNECT_MILLIS = 5000;
    private static final int WATCHDOG_STALLS = 2;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final Semaphore pendingPublishes;
    private final ThreadPools threads;
    private final ExecutorService watchdog;
    /** Whether this component connected it (and so closes it); false for a connection the user supplied. */
    private final boolean owned;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<AwaitingAck> awaitingAck = new ConcurrentLinkedQueue<>();
    /** Watchdog thread only: consecutive checks that found the writer sending nothing. */
    private int stalls;
    /** Names this shared connection in health checks: {@code nats-<n>}. */
    private final String name = "nats-" + NAMES.incrementAndGet();

    private NatsConnection(Connection connection, boolean owned, int maxPendingPublishes, ThreadPools threads)
            throws IOException {
        this.connection = connection;
        this.owned = owned;
        this.jetStream = connection.jetStream();
        this.management = connection.jetStreamManagement();
        this.pendingPublishes = new Semaphore(maxPendingPublishes);
        this.threads = threads;
        this.watchdog = threads.newFixedPool("eventbus-nats-watchdog", 1);
        watchdog.execute(this::watch);
    }

    /**
     * The watchdog loop, on its own thread from the ThreadPools; ends when the connection closes. Every
     * {@value #SWEEP_PERIOD_MILLIS} ms it fails publishes whose PubAck is overdue, every
     * {@value #WATCHDOG_PERIOD_MILLIS} ms it checks the writer.
     */
    private void watch() {
        long nextWriterCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WATCHDOG_PERIOD_MILLIS);
        try {
            while (!closing.await(SWEEP_PERIOD_MILLIS, TimeUnit.MILLISECONDS)) {
                expireOverduePublishes();
                if (System.nanoTime() - nextWriterCheck >= 0) {
                    checkWriter();
                    nextWriterCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WATCHDOG_PERIOD_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Fails {@code publish} with a {@link TimeoutException} when it is not complete at {@code deadlineNanos}: jnats may
     * never complete a publish whose PubAck was lost with the connection.
     */
    void expireAt(CompletableFuture<?> publish, long deadlineNanos) {
        awaitingAck.add(new AwaitingAck(publish, deadlineNanos));
    }

    private void expireOverduePublishes() {
        long now = System.nanoTime();
        for (Iterator<AwaitingAck> it = awaitingAck.iterator(); it.hasNext();) {
            AwaitingAck entry = it.next();
            if (entry.publish.isDone()) {
                it.remove();
            } else if (now - entry.deadlineNanos >= 0) {
                entry.publish.completeExceptionally(new TimeoutException("no PubAck in time"));
                it.remove();
            }
        }
    }

    /** A publish waiting for its PubAck, and when it times out. */
    private record AwaitingAck(CompletableFuture<?> publish, long deadlineNanos) {
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

    /**
     * Watchdog thread: PINGs the server; forces a reconnect when the writer sent nothing, not even the PING, in two
     * checks in a row (see the class comment).
     */
    private void checkWriter() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            stalls = 0;
            return;
        }
        long written = connection.getStatistics().getOutBytes();
        try {
            connection.flush(Duration.ofMillis(WATCHDOG_FLUSH_MILLIS));
            stalls = 0;
            return;
        } catch (TimeoutException | IllegalStateException e) {
            // no PONG, or no room for the PING ("Output queue is full" after jnats' offer timeout): wedged only if the
            // writer did not write a byte meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            stalls = 0;
            return;
        }
        if (connection.getStatus() != Connection.Status.CONNECTED
                || connection.getStatistics().getOutBytes() != written) {
            stalls = 0;
            return;
        }
        if (++stalls < WATCHDOG_STALLS) {
            return;
        }
        stalls = 0;
        LOG.warn(
                "NATS connection is up but its writer sent nothing, not even a PING, in {} checks of {} ms ({} messages "
                        + "queued); forcing a reconnect",
                WATCHDOG_STALLS, WATCHDOG_FLUSH_MILLIS, connection.outgoingPendingMessageCount());
        try {
            connection.forceReconnect();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Forcing a NATS reconnect failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        threads.shutdown(watchdog, 5000);
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
