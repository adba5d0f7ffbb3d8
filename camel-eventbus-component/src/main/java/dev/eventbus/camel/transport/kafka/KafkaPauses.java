package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.RateLimitedLog;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions of a subscription are paused. Every assigned partition while intake is stopped or permits are
 * short (backpressure); else only the partitions whose lowest unfinished record has {@link #STUCK_FACTOR} x
 * maxInFlight records handed out after it (the completed ones are kept in memory and in the commit metadata until it
 * finishes). Before each poll it also waits, briefly, for permits that are short ({@link #beforePoll}). Poll thread
 * only.
 */
final class KafkaPauses {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPauses.class);
    /**
     * A partition pauses when this many times maxInFlight records are pending behind its lowest unfinished one
     * (4,000 by default: kept in memory and, as a bit set of 500 bytes, in the commit metadata).
     */
    static final int STUCK_FACTOR = 4;

    private final PartitionStates partitions;
    private final InFlightLimit limit;
    private final String groupId;
    private final RateLimitedLog stuckLog = new RateLimitedLog(LOG, 30_000);

    KafkaPauses(PartitionStates partitions, InFlightLimit limit, String groupId) {
        this.partitions = partitions;
        this.limit = limit;
        this.groupId = groupId;
    }

    /** How long a poll waits for records while the partitions take them. */
    static final Duration POLL_ACTIVE = Duration.ofMillis(100);
    /** How long the poll thread waits while every partition is paused: for permits, or in a paused poll. */
    static final Duration POLL_PAUSED = Duration.ofMillis(10);

    /**
     * Sets this poll's pauses and returns how long the poll may wait. When fewer than {@code pollRecords} permits are
     * free it first waits up to {@link #POLL_PAUSED} for them on the in-flight limit, which wakes it as soon as that
     * many are back (so the lanes do not run dry until a paused poll times out), and runs {@code afterWait}; when they
     * are still short, every partition is paused and the poll returns at once.
     */
    Duration beforePoll(Consumer<?, ?> consumer, boolean takesRecords, int pollRecords, Runnable afterWait) {
        boolean full = limit.available() < pollRecords;
        boolean waited = false;
        if (full && takesRecords) {
            full = !awaitPermits(pollRecords);
            waited = true;
            afterWait.run();
        }
        boolean pauseAll = !takesRecords || full;
        update(consumer, pauseAll);
        return !pauseAll ? POLL_ACTIVE : waited ? Duration.ZERO : POLL_PAUSED;
    }

    private boolean awaitPermits(int wanted) {
        try {
            return limit.awaitAvailable(wanted, POLL_PAUSED.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the next poll reports it (InterruptException)
            return false;
        }
    }

    /** Pauses and resumes partitions of {@code consumer}: all of them when {@code pauseAll}, else the stuck ones. */
    private void update(Consumer<?, ?> consumer, boolean pauseAll) {
        Set<TopicPartition> assignment = consumer.assignment();
        Set<TopicPartition> wanted = pauseAll ? assignment : partitions.stuck(STUCK_FACTOR * limit.max());
        Set<TopicPartition> pausedNow = consumer.paused();
        List<TopicPartition> pause = wanted.stream().filter(p -> !pausedNow.contains(p)).toList();
        List<TopicPartition> resume = pausedNow.stream().filter(p -> !wanted.contains(p) && assignment.contains(p))
                .toList();
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            if (!pauseAll) {
                stuckLog.warn("Paused {} (group {}): a record has not finished while many records after it were handed "
                        + "out (partition=lowest unfinished offset: {}); each resumes when that record finishes",
                        pause, groupId,
                        pause.stream().map(p -> p + "=" + partitions.get(p).watermark.committable()).toList());
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }
}
