package dev.eventbus.camel.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.ordering.Outcome;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.RateLimitedLog;
import dev.eventbus.camel.transport.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DeadLetterPublisher}: publishes an event that cannot be processed to the dead-letter topic, the
 * original bytes (an empty value for a null one) with the {@link DeadLetterHeaders}; the caller acks the original once
 * it landed. When the dead-letter destination refuses or cannot be reached, the event is kept (not completed): the lane retries the publish with backoff, its aggregate waits behind it,
 * an ERROR is logged at most every 10 s, and {@link Counters#deadLetterStuck()} counts the events stuck so, for a
 * health check. The reason is cut at {@value #MAX_REASON} characters.
 */
public final class DeadLetters implements DeadLetterPublisher {

    /** The longest reason written, in characters. */
    public static final int MAX_REASON = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Publisher publisher;
    private final String topic;
    private final String groupId;
    private final Counters stats;
    private final long timeoutMillis;
    private final IntToLongFunction backoff;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 10_000);

    /** The dead-letter topic of the endpoint's options, retried with the backoff of its redelivery options. */
    public static DeadLetters of(Publisher publisher, EventBusConfiguration config, String groupId, Counters stats) {
        return new DeadLetters(publisher, config.resolveDeadLetterTopic(), groupId, stats, config.getPublishTimeout(),
                BackoffRedeliveryPolicy.of(config)::delayMillis);
    }

    /**
     * @param backoff delay before the n-th retry of a failed dead-letter publish (n = 1, 2, ...)
     */
    DeadLetters(Publisher publisher, String topic, String groupId, Counters stats, long timeoutMillis,
            IntToLongFunction backoff) {
        this.publisher = publisher;
        this.topic = topic;
        this.groupId = groupId;
        this.stats = stats;
        this.timeoutMillis = timeoutMillis;
        this.backoff = backoff;
    }

    /** Publishes the event with its {@code deadLetterReason}: done when it landed, else a retry after a backoff. */
    @Override
    public Outcome send(InboundEvent event) throws InterruptedException {
        Delivery delivery = event.delivery;
        try {
            byte[] value = delivery.value();
            publisher.publish(List.of(new OutboundRecord(topic, delivery.key(), value == null ? new byte[0] : value,
                    headers(event)))).get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            if (event.deadLetterAttempts++ == 0) {
                stats.deadLetterStuck.incrementAndGet();
            }
            stats.deadLetterFailures.increment();
            stats.lastDeadLetterFailure = e.toString();
            long delay = backoff.applyAsLong(event.deadLetterAttempts);
            failures.error("Cannot publish {}/{}@{} to dead-letter topic {} (attempt {}); the event is kept and its "
                    + "aggregate waits, retrying in {} ms", delivery.topic(), delivery.partition(),
                    delivery.offset(), topic, event.deadLetterAttempts, delay, e);
            return Outcome.retryAfter(delay);
        }
        unstuck(event);
        stats.deadLettered.increment();
        LOG.warn("Event {}/{}@{} sent to dead-letter topic {} (reason in its {} header)", delivery.topic(),
                delivery.partition(), delivery.offset(), topic, DeadLetterHeaders.REASON);
        LOG.debug("Dead-letter reason of {}/{}@{}: {}", delivery.topic(), delivery.partition(), delivery.offset(),
                event.deadLetterReason);
        return Outcome.done();
    }

    /** The event leaves the consumer without being dead-lettered (released on revoke): it no longer counts as stuck. */
    @Override
    public void unstuck(InboundEvent event) {
        if (event.deadLetterAttempts > 0) {
            event.deadLetterAttempts = 0;
            stats.deadLetterStuck.decrementAndGet();
        }
    }

    private Map<String, String> headers(InboundEvent event) {
        Delivery delivery = event.delivery;
        Map<String, String> headers = new HashMap<>();
        // the original record's headers, except the broker's own (Nats-*) and an earlier dead-lettering's
        delivery.forEachHeader(name -> !name.regionMatches(true, 0, "Nats-", 0, 5)
                && !name.regionMatches(true, 0, WireHeaders.DLQ_PREFIX, 0, WireHeaders.DLQ_PREFIX.length()),
                headers::put);
        headers.put(DeadLetterHeaders.REASON, cut(event.deadLetterReason));
        if (event.failureClass != null) {
            headers.put(DeadLetterHeaders.EXCEPTION_CLASS, event.failureClass);
        }
        if (delivery.timestamp() > 0) {
            headers.put(DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(delivery.timestamp()));
        }
        headers.put(DeadLetterHeaders.ORIGINAL_TOPIC, delivery.topic());
        headers.put(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(delivery.partition()));
        headers.put(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(delivery.offset()));
        headers.put(DeadLetterHeaders.DELIVERY_COUNT, Integer.toString(event.routeAttempts));
        headers.put(DeadLetterHeaders.GROUP_ID, groupId);
        return headers;
    }

    /** The reason, cut at {@link #MAX_REASON} characters without splitting a surrogate pair. */
    static String cut(String reason) {
        if (reason.length() <= MAX_REASON) {
            return reason;
        }
        int end = Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
        return reason.substring(0, end);
    }
}
