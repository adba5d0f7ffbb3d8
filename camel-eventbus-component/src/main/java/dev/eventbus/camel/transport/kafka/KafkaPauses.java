package dev.eventbus.camel.transport.kafka;

import java.util.List;
import java.util.Set;

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
 * finishes). Poll thread only.
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

    /** Pauses and resumes partitions of {@code consumer}: all of them when {@code pauseAll}, else the stuck ones. */
    void update(Consumer<?, ?> consumer, boolean pauseAll) {
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
