package dev.eventbus.camel.consumer;

import dev.eventbus.camel.EventBusConfiguration;

/**
 * The default {@link RedeliveryPolicy}: exponential backoff, every failure retryable. The n-th redelivery waits
 * {@code redeliveryDelay * multiplier^(n-1)} milliseconds, at most {@code maxRedeliveryDelay}.
 *
 * @param maxDeliveries     how many times an event is given to the route at most
 * @param redeliveryDelay   the delay before the first redelivery, in milliseconds
 * @param multiplier        the factor by which the delay grows per delivery
 * @param maxRedeliveryDelay the upper bound of the delay, in milliseconds
 */
public record BackoffRedeliveryPolicy(int maxDeliveries, long redeliveryDelay, double multiplier,
        long maxRedeliveryDelay) implements RedeliveryPolicy {

    /**
     * The policy of the endpoint options maxDeliveries, redeliveryDelay, redeliveryBackoffMultiplier and
     * maxRedeliveryDelay.
     */
    public static BackoffRedeliveryPolicy of(EventBusConfiguration config) {
        return new BackoffRedeliveryPolicy(config.getMaxDeliveries(), config.getRedeliveryDelay(),
                config.getRedeliveryBackoffMultiplier(), config.getMaxRedeliveryDelay());
    }

    @Override
    public long delayMillis(int deliveryCount, Throwable cause) {
        return delayMillis(deliveryCount);
    }

    /** The delay after {@code deliveryCount} failed deliveries (also the backoff of failing dead-letter publishes). */
    public long delayMillis(int deliveryCount) {
        double delay = redeliveryDelay * Math.pow(multiplier, deliveryCount - 1);
        return (long) Math.min(delay, maxRedeliveryDelay);
    }
}
