package dev.eventbus.camel.transport;

import java.util.List;

/**
 * A point-in-time view of a {@link Subscription} for health checks, meters, JMX and the dev console. Taking it makes
 * no broker call and never blocks (the transports refresh what it shows on their own threads).
 *
 * @param state                   the lifecycle state
 * @param connected               whether the client is connected to the broker as far as it knows (Kafka: the last
 *                                poll succeeded; NATS: the connection's status is CONNECTED)
 * @param servers                 the broker addresses, without credentials
 * @param consecutivePollFailures poll-loop failures since the last successful poll
 * @param unassignedSinceMillis   Kafka: epoch milliseconds since when this running member holds no partition, 0 when it
 *                                holds one or the transport has no assignment (memory, NATS)
 * @param partitions              the partitions this member reads, in partition order
 */
public record SubscriptionStatus(SubscriptionState state, boolean connected, String servers,
        long consecutivePollFailures, long unassignedSinceMillis, List<PartitionStatus> partitions) {

    public SubscriptionStatus {
        partitions = List.copyOf(partitions);
    }

    /** The sum of the partitions' known lag; -1 when no partition knows its lag. */
    public long lag() {
        long sum = -1;
        for (PartitionStatus p : partitions) {
            if (p.lag() >= 0) {
                sum = Math.max(sum, 0) + p.lag();
            }
        }
        return sum;
    }
}
