package dev.eventbus.camel;

import javax.management.openmbean.TabularData;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.camel.api.management.ManagedAttribute;

/**
 * The JMX attributes of an eventbus consumer. With Camel's JMX agent on (camel-management on the classpath), Camel
 * mixes them into the consumer's MBean ({@code org.apache.camel:context=...,type=consumers,name=EventBusConsumer(...)}),
 * where {@code camel get}, Hawtio and Jolokia read them.
 * <p>
 * Called on JMX threads (RMI, Jolokia), any time: every read takes a fresh value, the counters are sums and the
 * subscription's status is a snapshot that makes no broker call and never waits for the poll thread. While the
 * consumer is not started, the subscription is {@code CREATED} with no partition and the counters keep their values.
 */
public interface EventBusConsumerMBean {

    @ManagedAttribute(description = "Transport: memory, kafka or nats")
    String getTransport();

    @ManagedAttribute(description = "Topic consumed")
    String getTopic();

    @ManagedAttribute(description = "Subscription group (consumer group, durable consumer)")
    String getGroupId();

    @ManagedAttribute(description = "Lanes (threads) that run the route, one event at a time each")
    int getConcurrency();

    @ManagedAttribute(description = "Lanes with an event queued, waiting for a retry or in process")
    int getLanesBusy();

    @ManagedAttribute(description = "Events buffered or in process")
    int getInFlight();

    @ManagedAttribute(description = "The most events buffered or in process at once")
    int getPeakInFlight();

    @ManagedAttribute(description = "Failures of the transport's poll loop (each logged and retried)")
    long getPollFailures();

    @ManagedAttribute(description = "Completions the broker could not be told (those records come again)")
    long getCompletionFailures();

    /** The pipeline's counters (not an attribute: each counter is one). */
    ConsumerStats getStats();

    /** The subscription's status ({@code CREATED} with no partition while the consumer is not started). */
    SubscriptionStatus getSubscriptionStatus();

    @ManagedAttribute(description = "Events whose route completed")
    default long getProcessed() {
        return getStats().processed();
    }

    @ManagedAttribute(description = "Events skipped as duplicates")
    default long getDuplicatesSkipped() {
        return getStats().duplicatesSkipped();
    }

    @ManagedAttribute(description = "Retries of events whose route failed")
    default long getRedeliveries() {
        return getStats().redeliveries();
    }

    @ManagedAttribute(description = "Events sent to the dead-letter topic")
    default long getDeadLettered() {
        return getStats().deadLettered();
    }

    @ManagedAttribute(description = "Events given back unprocessed when their partition moved to another member")
    default long getReleased() {
        return getStats().released();
    }

    @ManagedAttribute(description = "Events held until an earlier version of their aggregate arrived")
    default long getResequenced() {
        return getStats().resequenced();
    }

    @ManagedAttribute(description = "Events skipped as stale (version processed already as another event)")
    default long getStaleSkipped() {
        return getStats().staleSkipped();
    }

    @ManagedAttribute(description = "Held events handed back to the broker for a later redelivery")
    default long getDeferred() {
        return getStats().deferred();
    }

    @ManagedAttribute(description = "Replayed events processed although their version was not above the last one")
    default long getReplayed() {
        return getStats().replayed();
    }

    @ManagedAttribute(description = "Dead-letter publishes that failed (retried, the event is kept)")
    default long getDeadLetterFailures() {
        return getStats().deadLetterFailures();
    }

    @ManagedAttribute(description = "Events waiting for the dead-letter topic to take them (above 0: stuck)")
    default int getDeadLetterStuck() {
        return getStats().deadLetterStuck();
    }

    @ManagedAttribute(description = "Subscription state: CREATED (also while the consumer is stopped), RUNNING, PAUSED, CLOSING, CLOSED")
    default String getSubscriptionState() {
        SubscriptionStatus status = getSubscriptionStatus();
        return status == null ? null : status.state().name();
    }

    @ManagedAttribute(description = "Whether the client is connected to the broker as far as it knows")
    default boolean isConnected() {
        SubscriptionStatus status = getSubscriptionStatus();
        return status != null && status.connected();
    }

    @ManagedAttribute(description = "Broker addresses (without credentials)")
    default String getServers() {
        SubscriptionStatus status = getSubscriptionStatus();
        return status == null ? null : status.servers();
    }

    @ManagedAttribute(description = "Records on the broker not yet fetched, over the partitions; -1 when unknown")
    default long getLag() {
        SubscriptionStatus status = getSubscriptionStatus();
        return status == null ? -1 : status.lag();
    }

    @ManagedAttribute(description = "Partitions whose fetching is paused, comma-separated")
    default String getPausedPartitions() {
        SubscriptionStatus status = getSubscriptionStatus();
        if (status == null) {
            return "";
        }
        StringBuilder paused = new StringBuilder();
        for (PartitionStatus partition : status.partitions()) {
            if (partition.paused()) {
                paused.append(paused.isEmpty() ? "" : ",").append(partition.partition());
            }
        }
        return paused.toString();
    }

    @ManagedAttribute(description = "Per partition: committed and completed offset, lag, paused")
    default TabularData getPartitions() {
        SubscriptionStatus status = getSubscriptionStatus();
        return PartitionTable.of(status == null ? java.util.List.of() : status.partitions());
    }
}
