package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.eventbus.camel.transport.ThreadPools;
import io.nats.client.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog of one {@link NatsConnection}, on its own thread from the ThreadPools: every
 * {@value #SWEEP_PERIOD_MILLIS} ms it fails publishes whose PubAck is overdue, and it forces a reconnect when the
 * connection is up but its writer is wedged.
 * <p>
 * Why the writer can wedge: jnats 2.24.1 has a race in its
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
final class NatsWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsWatchdog.class);
    static final long WATCHDOG_PERIOD_MILLIS = 2000;
    static final long SWEEP_PERIOD_MILLIS = 100;
    static final long WATCHDOG_FLUSH_MILLIS = 3000;
    private static final int WATCHDOG_STALLS = 2;

    private final Connection connection;
    private final ThreadPools threads;
    private final ExecutorService thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<AwaitingAck> awaitingAck = new ConcurrentLinkedQueue<>();
    /** Watchdog thread only: consecutive checks that found the writer sending nothing. */
    private int stalls;

    NatsWatchdog(Connection connection, ThreadPools threads) {
        this.connection = connection;
        this.threads = threads;
        this.thread = threads.newFixedPool("eventbus-nats-watchdog", 1);
        thread.execute(this::watch);
    }

    /** The loop, until closed: the sweep every {@value #SWEEP_PERIOD_MILLIS} ms, the writer check less often. */
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

    /** Ends the watchdog thread (waiting up to 5 s). */
    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        threads.shutdown(thread, 5000);
    }
}
