package dev.eventbus.camel.transport;

/**
 * One partition of a {@link SubscriptionStatus}, as far as this group member knows it without a broker call.
 *
 * @param partition       the partition number
 * @param committedOffset the offset the group resumes from after a restart (Kafka: the committed offset; NATS: the
 *                        stream sequence below which every message was acknowledged, plus one); -1 when unknown
 * @param completedOffset the offset below which every record delivered to this member completed, plus one; may run
 *                        ahead of {@code committedOffset} until the next commit; -1 when unknown
 * @param lag             records on the broker after the last one fetched (Kafka: the consumer's lag metadata; NATS:
 *                        the consumer's pending count); -1 when unknown
 * @param paused          whether fetching from this partition is paused (backpressure, a stuck record or
 *                        a pause of the subscription)
 */
public record PartitionStatus(int partition, long committedOffset, long completedOffset, long lag, boolean paused) {
}
