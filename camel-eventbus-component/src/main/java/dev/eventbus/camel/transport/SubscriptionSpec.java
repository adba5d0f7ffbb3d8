package dev.eventbus.camel.transport;

/**
 * What a consumer subscribes to.
 *
 * @param topic    topic to read
 * @param groupId  subscription group: members of one group share the partitions, every group gets every record
 * @param inFlight bound on records delivered and not yet completed; the subscription pauses while it is exhausted
 */
public record SubscriptionSpec(String topic, String groupId, InFlightLimit inFlight) {
}
