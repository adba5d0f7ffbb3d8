package dev.eventbus.camel.transport.nats;

import java.util.concurrent.atomic.AtomicLong;

import dev.eventbus.camel.transport.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures a {@link NatsSubscription} survives, counted and logged at most once per 10 s each: poll loop failures,
 * failed acks, in-progress acks and naks, and deliveries that went missing (see {@link GapTracker}); another member
 * found on the same durable at most once per 10 min.
 */
final class SubscriptionFaults {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSubscription.class);

    private final String group;
    private final String stream;
    private final AtomicLong pollFailures = new AtomicLong();
    /** Poll-loop failures since the last round that succeeded; written by the poll thread only. */
    private volatile int consecutivePollFailures;
    private final AtomicLong completionFailures = new AtomicLong();
    private final RateLimitedLog pollLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog ackLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog gapLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog competeLog = new RateLimitedLog(LOG, 600_000);
    /** Poll thread only. */
    private long gapsSeen;
    private long gapTimeoutsSeen;
    private long competedSeen;

    SubscriptionFaults(String group, String stream) {
        this.group = group;
        this.stream = stream;
    }

    /** The poll loop failed; it goes on after {@code backoffMillis}. */
    void pollFailed(Throwable e, long backoffMillis) {
        pollFailures.incrementAndGet();
        consecutivePollFailures++;
        pollLog.error("Poll loop of group {} on stream {} failed; retrying in {} ms", group, stream, backoffMillis, e);
    }

    /** An ack, in-progress ack or nak failed (any thread): the server redelivers the message after AckWait. */
    void ackFailed(String what, RuntimeException e) {
        completionFailures.incrementAndGet();
        ackLog.warn("Group {} on stream {}: {} failed ({}); the message is redelivered after AckWait", group, stream,
                what, e.toString());
    }

    /** Poll thread: the gap trackers' totals of gaps opened, gaps that timed out and competing members found. */
    void gaps(long opened, long timedOut, long competed) {
        if (competed != competedSeen) {
            competeLog.info("Group {} on stream {}: another member acks messages of the same durable (several "
                    + "instances bind the same partitions); the order of an aggregate's events across them is "
                    + "not guaranteed: split the partitions (consumePartitions)", group, stream);
            competedSeen = competed;
        }
        if (timedOut != gapTimeoutsSeen) {
            gapLog.warn(
                    "Group {} on stream {}: {} deliveries missing here were not redelivered within 2 x AckWait + 5 s;"
                            + " the messages kept behind them go on",
                    group, stream, timedOut - gapTimeoutsSeen);
        } else if (opened != gapsSeen) {
            gapLog.info("Group {} on stream {}: {} times messages were delivered but not received here (lost in "
                    + "transit or taken by a departed member); later ones wait until they are redelivered after "
                    + "AckWait", group, stream, opened - gapsSeen);
        }
        gapsSeen = opened;
        gapTimeoutsSeen = timedOut;
    }

    /** A round of the poll loop succeeded (poll thread). */
    void pollSucceeded() {
        if (consecutivePollFailures != 0) {
            consecutivePollFailures = 0;
        }
    }

    long consecutivePollFailures() {
        return consecutivePollFailures;
    }

    long pollFailures() {
        return pollFailures.get();
    }

    long completionFailures() {
        return completionFailures.get();
    }
}
